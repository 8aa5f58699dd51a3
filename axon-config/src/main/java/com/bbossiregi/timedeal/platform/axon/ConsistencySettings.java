package com.bbossiregi.timedeal.platform.axon;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The processing groups a command answer waits for and whose failures are parked as dead letters
 * ({@code timedeal.consistency.*}).
 *
 * @param readModels the processing groups that build read models: what a command answer waits for, and what an admin
 *                   may inspect and replay
 * @param sagas      the saga processing groups: their dead letters, and what a command answer waits for when it waits
 *                   for the outcome of what it set off
 * @param readModelPoll while command answers wait for a read model that another node runs: how often this node reads
 *                   the processors' stored positions to see whether they have got there (one read for all the waiting
 *                   answers; a read model this process runs whole reports its progress and is not polled)
 */
@Validated
@ConfigurationProperties("timedeal.consistency")
public record ConsistencySettings(
        @DefaultValue({"deal-listing", "order-history"}) @NotNull List<@NotBlank String> readModels,
        @DefaultValue("order-saga") @NotNull Set<@NotBlank String> sagas,
        @DefaultValue("20ms") @DurationMin(millis = 1) Duration readModelPoll) {
}
