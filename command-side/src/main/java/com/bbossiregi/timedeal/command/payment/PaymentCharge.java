package com.bbossiregi.timedeal.command.payment;

/** One attempt to take {@code amount} won for an order; {@code paymentId} makes a retried attempt recognisable. */
public record PaymentCharge(String paymentId, String orderId, long amount, String method) {
}
