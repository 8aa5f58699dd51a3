package com.bbossiregi.timedeal.command.order;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.order.CompletePaymentCommand;
import com.bbossiregi.timedeal.api.order.FailPaymentCommand;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.api.order.PaymentRequestedEvent;
import com.bbossiregi.timedeal.api.order.RequestPaymentCommand;
import com.bbossiregi.timedeal.command.payment.PaymentCharge;
import com.bbossiregi.timedeal.command.payment.PaymentOutcome;
import com.bbossiregi.timedeal.command.payment.PaymentProcessor;
import com.bbossiregi.timedeal.command.support.CommandModelViews;
import com.bbossiregi.timedeal.command.support.Metadata;
import com.bbossiregi.timedeal.platform.axon.ReadModelCatchUp;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * {@code POST /orders/{id}/payment}. The order records the request (its lock is held only for that), the provider is
 * called with no lock and no transaction open, and its answer goes back to the order: a completed payment sets the
 * saga selling the held stock and confirming the order; a failed one cancels the order and gives the stock back.
 */
@Service
public class OrderPayment {

    /** The paid order, and whether its confirmation arrived within the wait (202 with the order otherwise). */
    public record Paid(OrderView order, boolean confirmed) {
    }

    private final CommandGateway commands;
    private final OrderOutcomes outcomes;
    private final PaymentProcessor payments;
    private final CommandModelViews views;
    private final ReadModelCatchUp readModels;
    private final Duration outcomeWait;
    private final Duration readModelWait;

    public OrderPayment(CommandGateway commands, OrderOutcomes outcomes, PaymentProcessor payments,
                        CommandModelViews views, ReadModelCatchUp readModels,
                        @Value("${timedeal.orders.outcome-wait:5s}") Duration outcomeWait,
                        @Value("${timedeal.orders.read-model-wait:2s}") Duration readModelWait) {
        this.commands = commands;
        this.outcomes = outcomes;
        this.payments = payments;
        this.views = views;
        this.readModels = readModels;
        this.outcomeWait = outcomeWait;
        this.readModelWait = readModelWait;
    }

    public Paid pay(String orderId, String method, AuthenticatedUser user) {
        String paymentId = UUID.randomUUID().toString();
        OrderOutcomes.Watch watch = outcomes.watch(orderId);
        try {
            commands.sendAndWait(Metadata.asActor(
                    new RequestPaymentCommand(orderId, paymentId, method, user.userId()), user.actor()));
            Optional<PaymentRequestedEvent> requested = watch.paymentRequested();
            if (requested.isEmpty()) {
                // Already paid: a repeated payment request charges nothing and shows the confirmed order.
                return new Paid(views.order(orderId), true);
            }
            PaymentOutcome outcome = payments.charge(
                    new PaymentCharge(paymentId, orderId, requested.get().amount(), method));
            if (outcome instanceof PaymentOutcome.Failed failed) {
                commands.sendAndWait(Metadata.asActor(new FailPaymentCommand(orderId, paymentId, failed.reason()),
                        user.actor()));
                watch.stockBackAtDeal(outcomeWait);
                readModels.awaitCaughtUp(readModelWait);
                throw new DomainException(ErrorCode.PAYMENT_FAILED,
                        "The payment failed; the order is canceled and its stock released",
                        Map.of("reason", failed.reason(), "order_id", orderId));
            }
            String transactionId = ((PaymentOutcome.Approved) outcome).transactionId();
            commands.sendAndWait(Metadata.asActor(new CompletePaymentCommand(orderId, paymentId, transactionId),
                    user.actor()));
            boolean confirmed = watch.confirmed(outcomeWait);
            readModels.awaitCaughtUp(readModelWait);
            return new Paid(views.order(orderId), confirmed);
        } finally {
            outcomes.forget(orderId, watch);
        }
    }
}
