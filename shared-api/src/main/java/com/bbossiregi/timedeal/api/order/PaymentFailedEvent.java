package com.bbossiregi.timedeal.api.order;

import org.axonframework.serialization.Revision;

/** The contract's {@code PAYMENT_FAILED}; the order is then canceled with reason {@code payment_failed}. */
@Revision("1")
public record PaymentFailedEvent(String orderId, long timeDealId, String paymentId, String reason) {
}
