package com.bbossiregi.timedeal.command.payment;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Behaves like a provider without one: it takes {@code timedeal.payment.simulator.latency} to answer and declines a
 * share {@code timedeal.payment.simulator.failure-rate} of charges at random. A client forces an outcome with the
 * payment method: {@code "fail"} is always declined, {@code "timeout"} never answers in time.
 */
@Component
@ConditionalOnProperty(name = "timedeal.payment.provider", havingValue = "simulated", matchIfMissing = true)
public class SimulatedPaymentGateway implements PaymentGateway {

    public static final String FORCE_DECLINE = "fail";
    public static final String FORCE_TIMEOUT = "timeout";

    private final Duration latency;
    private final double failureRate;
    private final Duration hang;

    public SimulatedPaymentGateway(PaymentSettings settings) {
        this.latency = settings.simulator().latency();
        this.failureRate = settings.simulator().failureRate();
        this.hang = settings.timeout().multipliedBy(2);
    }

    @Override
    public PaymentOutcome charge(PaymentCharge charge) {
        String method = charge.method() == null ? "" : charge.method();
        sleep(FORCE_TIMEOUT.equalsIgnoreCase(method) ? hang : latency);
        if (FORCE_DECLINE.equalsIgnoreCase(method) || ThreadLocalRandom.current().nextDouble() < failureRate) {
            return new PaymentOutcome.Failed("declined");
        }
        return new PaymentOutcome.Approved("sim-" + UUID.randomUUID());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
