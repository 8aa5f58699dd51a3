package com.bbossiregi.timedeal.api.order;

import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import org.axonframework.serialization.Revision;

/**
 * The contract's {@code FAILED}: the deal refused the order when it was placed. Revision 2 adds the per-shopper limit
 * and what the shopper held, set only when that limit was the reason (null in revision 1 events).
 */
@Revision("2")
public record OrderFailedEvent(
        String orderId,
        long timeDealId,
        ReservationRejection reason,
        int requestedQuantity,
        int availableQuantity,
        Integer perShopperLimit,
        Integer heldByShopper) {

    public OrderRejection rejection() {
        return new OrderRejection(reason, requestedQuantity, availableQuantity, perShopperLimit, heldByShopper);
    }
}
