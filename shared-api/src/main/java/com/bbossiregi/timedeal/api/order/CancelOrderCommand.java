package com.bbossiregi.timedeal.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * {@code requestingUserId} is the shopper asking, checked against the order's owner; it is null when an
 * administrator or the system cancels.
 */
public record CancelOrderCommand(
        @TargetAggregateIdentifier String orderId,
        CancellationReason reason,
        Long requestingUserId) {
}
