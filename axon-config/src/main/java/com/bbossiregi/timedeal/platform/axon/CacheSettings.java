package com.bbossiregi.timedeal.platform.axon;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What each node keeps in memory in front of the event store and the saga store ({@code timedeal.caches.*}); the least
 * recently used entry goes first.
 *
 * @param timeDeals deals kept in memory
 * @param orders    orders kept in memory; an older order is rebuilt from its events when needed
 * @param sagas     order sagas kept in memory in front of the saga store (none in a cluster)
 * @param recentEvents the newest events the event store's reader keeps for the node's processors and live streams; a
 *                  stream further behind reads the store itself until it catches up. Few enough that an event leaves
 *                  it while still young under load ({@code RingCachedEventStore})
 */
@Validated
@ConfigurationProperties("timedeal.caches")
public record CacheSettings(
        @DefaultValue("1000") @Positive long timeDeals,
        @DefaultValue("10000") @Positive long orders,
        @DefaultValue("10000") @Positive long sagas,
        @DefaultValue("1000") @Positive int recentEvents) {
}
