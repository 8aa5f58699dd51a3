package com.bbossiregi.timedeal.platform.health;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the readiness probe demands of this node.
 *
 * @param maxProcessorLag how many events a streaming processor of this node may be behind the event store's head
 *                        (over the segments it holds) and still count as ready
 */
@Validated
@ConfigurationProperties("timedeal.health.readiness")
public record ReadinessProperties(@DefaultValue("10000") @PositiveOrZero long maxProcessorLag) {
}
