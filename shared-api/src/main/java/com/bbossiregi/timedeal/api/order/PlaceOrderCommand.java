package com.bbossiregi.timedeal.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code unitPrice} is the deal price at placing time, looked up before the command is sent. */
public record PlaceOrderCommand(
        @TargetAggregateIdentifier String orderId,
        long userId,
        long timeDealId,
        int quantity,
        long unitPrice) {
}
