package com.bbossiregi.timedeal.api.order;

import org.axonframework.serialization.Revision;

/** The contract's {@code CREATED}. */
@Revision("1")
public record OrderPlacedEvent(
        String orderId,
        long userId,
        long timeDealId,
        int quantity,
        long unitPrice,
        long totalPrice) {
}
