package com.bbossiregi.timedeal.command;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Aggregate snapshots ({@code timedeal.snapshots.*}).
 *
 * @param timeDealEveryEvents a deal is snapshotted every this many events, so a cold load (restart, other node,
 *                            eviction) replays at most this many
 */
@Validated
@ConfigurationProperties("timedeal.snapshots")
public record SnapshotSettings(@DefaultValue("10000") @Positive int timeDealEveryEvents) {
}
