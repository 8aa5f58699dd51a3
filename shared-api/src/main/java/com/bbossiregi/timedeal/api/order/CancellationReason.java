package com.bbossiregi.timedeal.api.order;

public enum CancellationReason {
    USER_REQUESTED,
    ADMIN_REQUESTED,
    PAYMENT_FAILED,
    RESERVATION_EXPIRED,
    DEAL_CANCELED
}
