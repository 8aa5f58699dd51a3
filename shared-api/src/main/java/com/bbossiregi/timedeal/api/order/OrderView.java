package com.bbossiregi.timedeal.api.order;

import java.time.Instant;

/** An order as the contract shows it; the optional timestamps are null until they happen. */
public record OrderView(
        String id,
        long userId,
        long timeDealId,
        int quantity,
        long unitPrice,
        long totalPrice,
        OrderStatus status,
        Instant createdAt,
        Instant updatedAt,
        Instant reservedAt,
        Instant confirmedAt,
        Instant canceledAt) {
}
