package com.bbossiregi.timedeal.command.payment;

import com.bbossiregi.timedeal.platform.support.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Calls the gateway with a deadline. A provider that does not answer within {@code timedeal.payment.timeout}, or that
 * fails, counts as a failed payment, which the order compensates like a decline.
 */
@Component
public class PaymentProcessor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PaymentProcessor.class);

    private final PaymentGateway gateway;
    private final Duration timeout;
    private final ExecutorService calls = Executors.newCachedThreadPool(DaemonThreads.named("payment-gateway"));

    public PaymentProcessor(PaymentGateway gateway, PaymentSettings settings) {
        this.gateway = gateway;
        this.timeout = settings.timeout();
    }

    public PaymentOutcome charge(PaymentCharge charge) {
        CompletableFuture<PaymentOutcome> call = CompletableFuture.supplyAsync(() -> gateway.charge(charge), calls);
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return new PaymentOutcome.Failed("gateway_timeout");
        } catch (ExecutionException e) {
            log.warn("Payment gateway failed for payment {}", charge.paymentId(), e.getCause());
            return new PaymentOutcome.Failed("gateway_error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PaymentOutcome.Failed("gateway_error");
        }
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }
}
