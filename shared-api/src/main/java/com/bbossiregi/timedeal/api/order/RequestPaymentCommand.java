package com.bbossiregi.timedeal.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A shopper asks to pay a reserved order; {@code paymentId} names this attempt at the payment provider. */
public record RequestPaymentCommand(
        @TargetAggregateIdentifier String orderId,
        String paymentId,
        String method,
        long requestingUserId) {
}
