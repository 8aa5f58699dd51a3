package com.bbossiregi.timedeal.api.timedeal;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A scheduled deal's terms after an admin's change, every field as it now is. */
@Revision("1")
public record TimeDealChangedEvent(
        long timeDealId,
        long originalPrice,
        long dealPrice,
        int discountRate,
        int stockQuantity,
        Instant startAt,
        Instant endAt,
        Integer maxPerShopper) {
}
