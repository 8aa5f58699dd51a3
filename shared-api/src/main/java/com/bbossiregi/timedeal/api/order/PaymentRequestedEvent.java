package com.bbossiregi.timedeal.api.order;

import org.axonframework.serialization.Revision;

/** The contract's {@code PAYMENT_REQUESTED}: the order is being charged and waits for the provider's answer. */
@Revision("1")
public record PaymentRequestedEvent(String orderId, long timeDealId, String paymentId, long amount, String method) {
}
