package com.bbossiregi.timedeal.api.order;

import org.axonframework.serialization.Revision;

/** The contract's {@code PAYMENT_COMPLETED}: the provider took the money; the deal is told to sell the held stock. */
@Revision("1")
public record PaymentCompletedEvent(String orderId, long timeDealId, String paymentId, long amount, String transactionId) {
}
