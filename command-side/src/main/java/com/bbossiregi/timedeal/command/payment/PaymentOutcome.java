package com.bbossiregi.timedeal.command.payment;

/** What the provider answered. */
public sealed interface PaymentOutcome {

    record Approved(String transactionId) implements PaymentOutcome {
    }

    /** {@code reason} is a short code: {@code declined}, {@code gateway_timeout}, {@code gateway_error}. */
    record Failed(String reason) implements PaymentOutcome {
    }
}
