package com.bbossiregi.timedeal.platform.health;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Actuator health for the probes, served on the management port: liveness is the process itself
 * ({@code livenessState}), readiness adds {@code database} and {@code processors} (groups set in application.yml);
 * the processors also as gauges for the alerts ({@link ProcessorGauges}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@EnableConfigurationProperties(ReadinessProperties.class)
public class OperationsHealth {

    @Bean(destroyMethod = "destroy")
    public DatabaseHealthCheck databaseHealthCheck(DataSource dataSource) {
        return new DatabaseHealthCheck(dataSource);
    }

    @Bean
    public DatabaseHealthIndicator databaseHealthIndicator(DatabaseHealthCheck check) {
        return new DatabaseHealthIndicator(check);
    }

    @Bean
    public EventProcessorInspector eventProcessorInspector(@Lazy EventProcessingConfiguration processing,
                                                           @Lazy EventStore eventStore) {
        return new EventProcessorInspector(processing, () -> {
            TrackingToken head = eventStore.createHeadToken();
            return head == null ? -1 : head.position().orElse(-1);
        });
    }

    @Bean
    public ProcessorsHealthIndicator processorsHealthIndicator(EventProcessorInspector inspector,
                                                               ReadinessProperties settings) {
        return new ProcessorsHealthIndicator(inspector, settings.maxProcessorLag());
    }

    @Bean
    public ProcessorGauges processorGauges(EventProcessorInspector inspector, MeterRegistry registry) {
        return new ProcessorGauges(inspector, registry);
    }
}
