package com.bbossiregi.timedeal.api.timedeal;

import org.axonframework.serialization.Revision;

/** Revision 2 adds the shopper the stock is held for (0 in revision 1 events), which the per-shopper limit counts. */
@Revision("2")
public record StockReservedEvent(long timeDealId, String orderId, int quantity, long userId) {
}
