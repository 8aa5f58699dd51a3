package com.bbossiregi.timedeal.api.timedeal;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * {@code status} is {@code ACTIVE} when the deal was created at or after its start, else {@code SCHEDULED}.
 * Revision 2 adds {@code maxPerShopper}, the most units one shopper may hold at once (null: no limit, as in revision 1).
 */
@Revision("2")
public record TimeDealCreatedEvent(
        long timeDealId,
        long productId,
        long originalPrice,
        long dealPrice,
        int discountRate,
        int stockQuantity,
        Instant startAt,
        Instant endAt,
        TimeDealStatus status,
        Integer maxPerShopper) {
}
