package com.bbossiregi.timedeal.projections.deallisting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param stockRefresh how often the deal stock gauges are read from the deal listing */
@ConfigurationProperties("timedeal.metrics")
public record StockMetricsProperties(@DefaultValue("10s") Duration stockRefresh) {
}
