package com.bbossiregi.timedeal.api.timedeal;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** {@code status} is {@code ACTIVE} when the deal was created at or after its start, else {@code SCHEDULED}. */
@Revision("1")
public record TimeDealCreatedEvent(
        long timeDealId,
        long productId,
        long originalPrice,
        long dealPrice,
        int discountRate,
        int stockQuantity,
        Instant startAt,
        Instant endAt,
        TimeDealStatus status) {
}
