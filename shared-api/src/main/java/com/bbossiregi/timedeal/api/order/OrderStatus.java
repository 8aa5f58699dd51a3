package com.bbossiregi.timedeal.api.order;

public enum OrderStatus {
    PENDING,
    RESERVED,
    CONFIRMED,
    CANCELED,
    FAILED;

    public boolean isFinal() {
        return this == CONFIRMED || this == CANCELED || this == FAILED;
    }
}
