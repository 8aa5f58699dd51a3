package com.bbossiregi.timedeal.projections.deallisting;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param stockRefresh how often the deal stock gauges are read from the deal listing */
@Validated
@ConfigurationProperties("timedeal.metrics")
public record StockMetricsProperties(@DefaultValue("10s") @DurationMin(millis = 1) Duration stockRefresh) {
}
