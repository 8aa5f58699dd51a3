package com.bbossiregi.timedeal.api.order;

import org.axonframework.serialization.Revision;

/** The contract's {@code CANCELED}. */
@Revision("1")
public record OrderCanceledEvent(String orderId, long timeDealId, CancellationReason reason) {
}
