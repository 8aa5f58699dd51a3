package com.bbossiregi.timedeal.platform.axon;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Axon's own metrics ({@code timedeal.axon-metrics.*}).
 *
 * @param capacityWindow the time over which {@code *_capacity} (the share of the time a processor or bus was busy
 *                       handling) is taken; Prometheus's scrape interval, so each scrape covers the time since the last
 */
@Validated
@ConfigurationProperties("timedeal.axon-metrics")
public record AxonMetricsSettings(@DefaultValue("15s") @DurationMin(seconds = 1) Duration capacityWindow) {
}
