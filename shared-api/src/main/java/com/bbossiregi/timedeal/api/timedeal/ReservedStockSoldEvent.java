package com.bbossiregi.timedeal.api.timedeal;

import org.axonframework.serialization.Revision;

/** The quantity an order held moved from reserved to sold. */
@Revision("1")
public record ReservedStockSoldEvent(long timeDealId, String orderId, int quantity) {
}
