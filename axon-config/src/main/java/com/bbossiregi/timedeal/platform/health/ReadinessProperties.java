package com.bbossiregi.timedeal.platform.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the readiness probe demands of this node.
 *
 * @param maxProcessorLag how many events a streaming processor of this node may be behind the event store's head
 *                        (over the segments it holds) and still count as ready
 */
@ConfigurationProperties("timedeal.health.readiness")
public record ReadinessProperties(@DefaultValue("10000") long maxProcessorLag) {
}
