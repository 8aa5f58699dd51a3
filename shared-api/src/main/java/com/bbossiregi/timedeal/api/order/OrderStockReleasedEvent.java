package com.bbossiregi.timedeal.api.order;

import org.axonframework.serialization.Revision;

/**
 * The contract's {@code STOCK_RELEASED}: the order gave up the stock it held. It is applied together with
 * {@link OrderCanceledEvent}; the order saga then returns the quantity to the deal.
 */
@Revision("1")
public record OrderStockReleasedEvent(String orderId, long timeDealId, int quantity) {
}
