package com.bbossiregi.timedeal.api.order;

import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;

/**
 * Why a deal refused an order, with what the shopper is told: the units asked for and, depending on the reason, the
 * units the deal had left or the per-shopper limit and what the shopper already held.
 */
public record OrderRejection(
        ReservationRejection reason,
        int requestedQuantity,
        int availableQuantity,
        Integer perShopperLimit,
        Integer heldByShopper) {
}
