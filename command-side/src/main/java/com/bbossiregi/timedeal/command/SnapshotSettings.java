package com.bbossiregi.timedeal.command;

import com.bbossiregi.timedeal.platform.axon.CachedStateSnapshotter;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Aggregate snapshots ({@code timedeal.snapshots.*}).
 *
 * @param timeDealEveryEvents           a deal is considered for a snapshot every this many events
 * @param timeDealSpacingBytesPerEvent  after a deal's snapshot of {@code n} bytes the next waits for {@code n} divided
 *                                      by this many more events, so that a large deal, whose snapshot takes longer
 *                                      under its lock, is stopped for snapshots no more often per order than a small
 *                                      one ({@link CachedStateSnapshotter.Spacing})
 * @param timeDealSpacingMaxEvents      the spacing's cap: a cold load (restart, other node, eviction) replays at most
 *                                      this many events, rounded up to {@code timeDealEveryEvents}
 */
@Validated
@ConfigurationProperties("timedeal.snapshots")
public record SnapshotSettings(@DefaultValue("10000") @Positive int timeDealEveryEvents,
                               @DefaultValue("400") @Positive int timeDealSpacingBytesPerEvent,
                               @DefaultValue("50000") @PositiveOrZero int timeDealSpacingMaxEvents) {

    CachedStateSnapshotter.Spacing timeDealSpacing() {
        return new CachedStateSnapshotter.Spacing(timeDealSpacingBytesPerEvent, timeDealSpacingMaxEvents);
    }
}
