package com.bbossiregi.timedeal.api.timedeal;

/** Why a deal refused to hold stock for an order. */
public enum ReservationRejection {
    DEAL_NOT_ACTIVE,
    INSUFFICIENT_STOCK,
    /** The shopper would hold more of this deal than its per-shopper limit allows. */
    PURCHASE_LIMIT_EXCEEDED
}
