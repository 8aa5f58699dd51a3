package com.bbossiregi.timedeal.platform.cluster;

import com.bbossiregi.timedeal.platform.database.SchemaModule;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * What every node of a cluster ({@code timedeal.cluster.enabled=true}, command or query) shares: the cluster's tables
 * and the spreading of processor segments over the nodes ({@link SegmentBalancer}).
 */
@AutoConfiguration(after = AxonAutoConfiguration.class)
@ConditionalOnProperty(name = "timedeal.cluster.enabled", havingValue = "true")
public class SegmentBalancing {

    /** The cluster's tables, in a schema module of their own so the single-node schema does not change. */
    @Bean
    SchemaModule clusterSchema() {
        return new SchemaModule("cluster", "classpath:db/migration/cluster", 5);
    }

    @Bean
    SegmentBalancer segmentBalancer(DataSource dataSource, EventProcessingConfiguration processing) {
        return new SegmentBalancer(dataSource, processing);
    }
}
