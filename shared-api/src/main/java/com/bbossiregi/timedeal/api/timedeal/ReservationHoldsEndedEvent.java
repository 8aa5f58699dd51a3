package com.bbossiregi.timedeal.api.timedeal;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The deal looked at its reservations' holds (ADR 0019): the holds of {@code orderIds} had ended, and each of those
 * orders was then canceled and its stock released, or, while being paid, given its payment's grace, in the same unit of
 * work. The list may be empty when the orders whose holds came due had all moved on. {@code nextCheckAt} is when the
 * deal looks again; null when it keeps no hold any more.
 */
@Revision("1")
public record ReservationHoldsEndedEvent(long timeDealId, List<String> orderIds, Instant nextCheckAt) {

    public ReservationHoldsEndedEvent {
        orderIds = List.copyOf(orderIds);
    }
}
