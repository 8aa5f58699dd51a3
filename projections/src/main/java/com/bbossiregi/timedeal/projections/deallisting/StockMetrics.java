package com.bbossiregi.timedeal.projections.deallisting;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The deal stock gauges ({@link DealStockGauges}), refreshed on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(StockMetricsProperties.class)
public class StockMetrics {

    @Bean
    DealStockGauges dealStockGauges(JdbcTemplate jdbc, MeterRegistry registry) {
        return new DealStockGauges(jdbc, registry);
    }

    @Bean
    SchedulingConfigurer dealStockRefresh(DealStockGauges gauges, StockMetricsProperties settings) {
        return registrar -> registrar.addFixedDelayTask(gauges::refresh, settings.stockRefresh());
    }
}
