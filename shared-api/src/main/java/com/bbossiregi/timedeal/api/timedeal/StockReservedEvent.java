package com.bbossiregi.timedeal.api.timedeal;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Revision 2 adds the shopper the stock is held for (0 in revision 1 events), which the per-shopper limit counts.
 * Revision 3 adds when the reservation's hold ends, kept by the deal itself (ADR 0019); null in older events, whose
 * holds were kept by each order's saga.
 */
@Revision("3")
public record StockReservedEvent(long timeDealId, String orderId, int quantity, long userId, Instant holdEndsAt) {

    /** A reservation whose hold the deal does not keep, as recorded before revision 3. */
    public StockReservedEvent(long timeDealId, String orderId, int quantity, long userId) {
        this(timeDealId, orderId, quantity, userId, null);
    }
}
