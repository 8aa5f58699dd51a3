package com.bbossiregi.timedeal.api.timedeal;

import org.axonframework.serialization.Revision;

/**
 * A refusal recorded on the deal's stream by earlier versions, kept so that their streams still read. A refusal is now
 * recorded only on the order's own stream ({@code OrderFailedEvent}), in the same unit of work as the decision.
 */
@Revision("1")
public record StockReservationRejectedEvent(
        long timeDealId,
        String orderId,
        int requestedQuantity,
        int availableQuantity,
        ReservationRejection reason) {
}
