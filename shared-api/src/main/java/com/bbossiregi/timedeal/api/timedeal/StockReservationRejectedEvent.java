package com.bbossiregi.timedeal.api.timedeal;

import org.axonframework.serialization.Revision;

/** A business refusal the order saga reacts to; {@code availableQuantity} is what the deal had at that moment. */
@Revision("1")
public record StockReservationRejectedEvent(
        long timeDealId,
        String orderId,
        int requestedQuantity,
        int availableQuantity,
        ReservationRejection reason) {
}
