package com.bbossiregi.timedeal.api.order;

import org.axonframework.serialization.Revision;

/** The contract's {@code CONFIRMED}: paid, and the deal counts the quantity as sold. Final. */
@Revision("1")
public record OrderConfirmedEvent(String orderId, long timeDealId, int quantity) {
}
