package com.bbossiregi.timedeal.api.order;

import org.axonframework.serialization.Revision;

/** The contract's {@code STOCK_RESERVED}. */
@Revision("1")
public record OrderReservedEvent(String orderId, long timeDealId, int quantity) {
}
