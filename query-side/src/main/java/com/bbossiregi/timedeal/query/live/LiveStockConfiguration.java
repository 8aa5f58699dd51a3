package com.bbossiregi.timedeal.query.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveStockSettings.class)
public class LiveStockConfiguration {

    @Bean
    LiveStockFeed liveStockFeed(EventStore eventStore, ObjectMapper objectMapper, LiveStockSettings settings) {
        return new LiveStockFeed(eventStore, objectMapper, settings);
    }
}
