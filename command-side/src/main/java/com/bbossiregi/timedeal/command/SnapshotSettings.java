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
 *                                      by this many more events, so that a large deal, whose snapshot holds its lock
 *                                      longer, spends no more time stopped for snapshots per order than a small one
 *                                      ({@link CachedStateSnapshotter.Spacing})
 * @param timeDealSpacingMaxEvents      the spacing's cap: a cold load (restart, other node, eviction) replays at most
 *                                      about this many events and one {@code timeDealEveryEvents} more (a deal is
 *                                      considered only every so many events, its snapshot taken a little after)
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
