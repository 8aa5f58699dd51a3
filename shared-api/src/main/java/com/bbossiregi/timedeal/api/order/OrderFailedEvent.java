package com.bbossiregi.timedeal.api.order;

import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import org.axonframework.serialization.Revision;

/** The contract's {@code FAILED}. */
@Revision("1")
public record OrderFailedEvent(
        String orderId,
        long timeDealId,
        ReservationRejection reason,
        int requestedQuantity,
        int availableQuantity) {
}
