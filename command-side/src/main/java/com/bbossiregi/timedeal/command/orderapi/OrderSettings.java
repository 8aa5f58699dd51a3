package com.bbossiregi.timedeal.command.orderapi;

import java.time.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code timedeal.orders.*}.
 *
 * @param readModelWait      how long a command answer waits for the read models to show its effect
 * @param outcomeWait        how long an answer waits for what its command set off in sagas (a canceled deal's orders)
 * @param reservationHold    how long a reserved order may stay unpaid before the system cancels it
 * @param holdCheckSpacing   the least time between two looks of a deal at its reservations' holds: a hold ends at most
 *                           this much after its time, and holds ending within it end together
 * @param idempotencyKeyTtl  how long an {@code Idempotency-Key} names its order; after that the key starts a new one
 * @param placementBatch     the most orders of one deal that wait on this node and are then stored in one commit
 *                           (group commit); 1 stores every order in a commit of its own
 */
@Validated
@ConfigurationProperties("timedeal.orders")
public record OrderSettings(
        @DefaultValue("2s") @DurationMin(millis = 0) Duration readModelWait,
        @DefaultValue("5s") @DurationMin(millis = 0) Duration outcomeWait,
        @DefaultValue("10m") @DurationMin(seconds = 1) Duration reservationHold,
        @DefaultValue("1s") @DurationMin(millis = 0) Duration holdCheckSpacing,
        @DefaultValue("24h") @DurationMin(seconds = 1) Duration idempotencyKeyTtl,
        @DefaultValue("64") @Min(1) @Max(1000) int placementBatch) {
}
