package com.bbossiregi.timedeal.command.payment;

/**
 * The port to a payment provider. An adapter charges and answers; it never sees an aggregate or a transaction, and
 * {@link PaymentProcessor} bounds how long it may take. A real provider slots in as another implementation.
 */
public interface PaymentGateway {

    PaymentOutcome charge(PaymentCharge charge);
}
