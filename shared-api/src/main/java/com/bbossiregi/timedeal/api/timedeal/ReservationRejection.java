package com.bbossiregi.timedeal.api.timedeal;

/** Why a deal refused to hold stock for an order. */
public enum ReservationRejection {
    DEAL_NOT_ACTIVE,
    INSUFFICIENT_STOCK
}
