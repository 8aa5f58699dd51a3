package com.bbossiregi.timedeal.api.order;

/**
 * What placing an order came to: the order as it stands, and, when the deal refused it, why. {@code order} is null
 * only when the deal already held stock for this order id before (a repeated command), which the caller answers from
 * the order itself.
 */
public record PlacedOrder(OrderView order, OrderRejection rejection) {

    public static PlacedOrder alreadyPlaced() {
        return new PlacedOrder(null, null);
    }

    public boolean isAlreadyPlaced() {
        return order == null;
    }
}
