package com.bbossiregi.timedeal.projections;

import com.bbossiregi.timedeal.platform.database.SchemaModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import com.bbossiregi.timedeal.platform.role.ConditionalOnRole;
import com.bbossiregi.timedeal.platform.role.NodeRole;

/** The read models and their processors: only on processes that run the query role (or all). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(NodeRole.QUERY)
@ComponentScan(basePackageClasses = ProjectionsConfiguration.class)
public class ProjectionsConfiguration {

    /** After the Axon stores (order 0), so a fresh database gets the event store before the read models. */
    @Bean
    SchemaModule projectionsSchema() {
        return new SchemaModule("projections", "classpath:db/migration/projections", 20);
    }
}
