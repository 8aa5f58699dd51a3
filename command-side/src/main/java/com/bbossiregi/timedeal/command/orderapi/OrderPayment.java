package com.bbossiregi.timedeal.command.orderapi;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.order.CompletePaymentCommand;
import com.bbossiregi.timedeal.api.order.ConfirmOrderCommand;
import com.bbossiregi.timedeal.api.order.FailPaymentCommand;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.api.order.PaymentRequestedEvent;
import com.bbossiregi.timedeal.api.order.RequestPaymentCommand;
import com.bbossiregi.timedeal.api.timedeal.SellReservedStockCommand;
import com.bbossiregi.timedeal.command.payment.PaymentCharge;
import com.bbossiregi.timedeal.command.payment.PaymentOutcome;
import com.bbossiregi.timedeal.command.payment.PaymentProcessor;
import com.bbossiregi.timedeal.command.view.CommandModelViews;
import com.bbossiregi.timedeal.command.support.Metadata;
import com.bbossiregi.timedeal.platform.axon.ReadModelCatchUp;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

/**
 * {@code POST /orders/{id}/payment}. The order records the request (its lock is held only for that), the provider is
 * called with no lock and no transaction open, and its answer goes back to the order. A completed payment is followed
 * here by the deal selling the held stock and the order being confirmed, so the answer is the confirmed order; a failed
 * one cancels the order, whose stock goes back to the deal. The order saga repeats those follow-ups from the events,
 * so a node dying between two of them leaves nothing half-done.
 */
@Service
public class OrderPayment {

    private final CommandGateway commands;
    private final PaymentProcessor payments;
    private final CommandModelViews views;
    private final ReadModelCatchUp readModels;
    private final OrderSettings settings;

    public OrderPayment(CommandGateway commands, PaymentProcessor payments, CommandModelViews views,
                        ReadModelCatchUp readModels, OrderSettings settings) {
        this.commands = commands;
        this.payments = payments;
        this.views = views;
        this.readModels = readModels;
        this.settings = settings;
    }

    /** @return the confirmed order */
    public OrderView pay(String orderId, String method, AuthenticatedUser user) {
        String paymentId = UUID.randomUUID().toString();
        PaymentRequestedEvent requested = commands.sendAndWait(Metadata.asActor(
                new RequestPaymentCommand(orderId, paymentId, method, user.userId()), user.actor()));
        if (requested == null) {
            // Already paid: nothing is charged again; a confirmation still under way is finished here.
            OrderView paid = views.order(orderId);
            return paid.status() == OrderStatus.CONFIRMED ? paid : confirm(paid.timeDealId(), orderId, user);
        }
        PaymentOutcome outcome = payments.charge(new PaymentCharge(paymentId, orderId, requested.amount(), method));
        if (outcome instanceof PaymentOutcome.Failed failed) {
            OrderView canceled = commands.sendAndWait(Metadata.asActor(
                    new FailPaymentCommand(orderId, paymentId, failed.reason()), user.actor()));
            OrderCancellation.giveStockBack(commands, canceled, user);
            readModels.awaitCaughtUp(settings.readModelWait());
            throw new DomainException(ErrorCode.PAYMENT_FAILED,
                    "The payment failed; the order is canceled and its stock released",
                    Map.of("reason", failed.reason(), "order_id", orderId));
        }
        String transactionId = ((PaymentOutcome.Approved) outcome).transactionId();
        commands.sendAndWait(Metadata.asActor(new CompletePaymentCommand(orderId, paymentId, transactionId),
                user.actor()));
        return confirm(requested.timeDealId(), orderId, user);
    }

    private OrderView confirm(long timeDealId, String orderId, AuthenticatedUser user) {
        commands.sendAndWait(Metadata.asActor(new SellReservedStockCommand(timeDealId, orderId), user.actor()));
        OrderView confirmed = commands.sendAndWait(Metadata.asActor(new ConfirmOrderCommand(orderId), user.actor()));
        readModels.awaitCaughtUp(settings.readModelWait());
        return confirmed;
    }
}
