package com.bbossiregi.timedeal.api.order;

public enum CancellationReason {
    USER_REQUESTED,
    ADMIN_REQUESTED,
    PAYMENT_FAILED,
    RESERVATION_EXPIRED,
    DEAL_CANCELED;

    /**
     * A person asked (shopper or admin) and waits for an answer, so a cancel that cannot happen is an error for them.
     * The others are the system's own follow-ups, which must never fail on an order that has already moved on.
     */
    public boolean isRequestedByPerson() {
        return this == USER_REQUESTED || this == ADMIN_REQUESTED;
    }
}
