package com.bbossiregi.timedeal.command.metrics;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    /** Counted where the events are committed, never replayed: see {@link OrderMetrics}. */
    @Bean
    ConfigurerModule orderMetricsProcessor() {
        return configurer -> configurer.eventProcessing().registerSubscribingEventProcessor(OrderMetrics.GROUP);
    }
}
