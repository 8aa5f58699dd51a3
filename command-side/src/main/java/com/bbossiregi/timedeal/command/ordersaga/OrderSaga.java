package com.bbossiregi.timedeal.command.ordersaga;

import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.order.CancelOrderCommand;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.ConfirmOrderCommand;
import com.bbossiregi.timedeal.api.order.FailPaymentCommand;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderConfirmedEvent;
import com.bbossiregi.timedeal.api.order.PaymentCompletedEvent;
import com.bbossiregi.timedeal.api.order.PaymentFailedEvent;
import com.bbossiregi.timedeal.api.order.PaymentRequestedEvent;
import com.bbossiregi.timedeal.api.timedeal.ReleaseStockCommand;
import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.SellReservedStockCommand;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCanceledEvent;
import com.bbossiregi.timedeal.command.order.Order;
import com.bbossiregi.timedeal.command.order.ReservationHold;
import com.bbossiregi.timedeal.command.support.Metadata;
import com.bbossiregi.timedeal.command.support.StoredByFields;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Follows an order that is being paid until it is confirmed or its stock is back at the deal (ADR 0019): it starts on
 * the payment's request, not on the reservation, because most reserved orders of a flash sale are never paid and their
 * holds are the deal's. The HTTP services send the follow-up commands themselves (sell and confirm on payment, release
 * on a failed one); the saga sends them again from the events, so a node that dies between two commands leaves nothing
 * half-done, and the repeated command finds nothing left to do.
 *
 * <p>The reservation's hold is the deal's (ADR 0019): the deal ends it and cancels the unpaid order in one unit of
 * work, and the order gives a payment under way its grace. The saga's own hold and grace deadlines remain only for
 * orders reserved before that change, whose holds the deal does not know; they go once none is pending. A completed
 * payment makes the deal sell the held stock and then confirms the order. A saga started before that change also
 * cancels its order when the deal is canceled, unless it is being paid, which is left to its payment.
 *
 * <p>Commands go out with {@code sendAndWait}, so a failure fails the event handling and the processor
 * retries it instead of the saga silently moving on. Collaborators are handler parameters, not fields, so
 * the saga's serialized state holds only its own facts.
 */
@Saga
@ProcessingGroup("order-saga")
@StoredByFields
public class OrderSaga {

    static final String ORDER_ID = "orderId";
    static final String TIME_DEAL_ID = "timeDealId";
    static final String RESERVATION_HOLD = "reservation-hold";
    static final String PAYMENT_GRACE = "payment-grace";

    enum ReservationOutcome {
        HELD,
        RELEASED
    }

    enum PaymentProgress {
        NONE,
        IN_PROGRESS,
        COMPLETED
    }

    private String orderId;
    private long timeDealId;
    /** Set by sagas started before ADR 0019, on the reservation; kept so that those still load. */
    private int quantity;
    private ReservationOutcome reservation;
    private boolean orderCanceled;
    private PaymentProgress payment = PaymentProgress.NONE;
    private String paymentId;
    /** Ids of the pending deadlines, so they can be canceled one by one. */
    private String holdDeadline;
    private String graceDeadline;

    public OrderSaga() {
        // Axon and Jackson create sagas reflectively.
    }

    /*
     * Only for a hold scheduled by a saga before ADR 0019 (see the class). The hold deadlines carry no payload.
     * Declaring Void as their payload type keeps Axon from taking the first parameter (a collaborator) for the
     * payload, which would make the handler never match.
     */
    @DeadlineHandler(deadlineName = RESERVATION_HOLD, payloadType = Void.class)
    public void onReservationHoldRunOut(CommandGateway commandGateway, DeadlineManager deadlineManager,
                                        ReservationHold reservationHold) {
        holdDeadline = null;
        switch (payment) {
            case IN_PROGRESS -> graceDeadline = deadlineManager.schedule(reservationHold.paymentGrace(), PAYMENT_GRACE);
            case COMPLETED -> {
                // Paid: the sale is under way and the order is about to be confirmed.
            }
            case NONE -> {
                if (!orderCanceled) {
                    commandGateway.sendAndWait(Metadata.asActor(
                            new CancelOrderCommand(orderId, CancellationReason.RESERVATION_EXPIRED, null),
                            Actor.SYSTEM));
                }
            }
        }
    }

    @DeadlineHandler(deadlineName = PAYMENT_GRACE, payloadType = Void.class)
    public void onPaymentGraceRunOut(CommandGateway commandGateway) {
        graceDeadline = null;
        if (payment == PaymentProgress.IN_PROGRESS) {
            commandGateway.sendAndWait(Metadata.asActor(
                    new FailPaymentCommand(orderId, paymentId, Order.PAYMENT_ABANDONED), Actor.SYSTEM));
        }
    }

    /**
     * Starts the saga of an order being paid; for an order reserved before ADR 0019 its saga exists already and goes on.
     * A paid order holds its stock until sold: no association with the deal, whose cancellation leaves it to its payment.
     */
    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentRequestedEvent event) {
        if (reservation == null) {
            orderId = event.orderId();
            timeDealId = event.timeDealId();
            reservation = ReservationOutcome.HELD;
        }
        payment = PaymentProgress.IN_PROGRESS;
        paymentId = event.paymentId();
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentCompletedEvent event, CommandGateway commandGateway) {
        payment = PaymentProgress.COMPLETED;
        commandGateway.sendAndWait(new SellReservedStockCommand(timeDealId, orderId));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentFailedEvent event) {
        // The order cancels itself right after; its OrderCanceledEvent gives the stock back.
        payment = PaymentProgress.NONE;
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(ReservedStockSoldEvent event, CommandGateway commandGateway) {
        commandGateway.sendAndWait(new ConfirmOrderCommand(orderId));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderConfirmedEvent event, DeadlineManager deadlineManager) {
        cancelDeadlines(deadlineManager);
        SagaLifecycle.end();
    }

    /** Only a saga started before ADR 0019 is associated with its deal; the deal ends the holds of the others itself. */
    @SagaEventHandler(associationProperty = TIME_DEAL_ID)
    public void on(TimeDealCanceledEvent event, CommandGateway commandGateway) {
        if (orderCanceled || payment != PaymentProgress.NONE) {
            // Already on its way out, or the payment decides what becomes of the order.
            return;
        }
        // The admin who canceled the deal is carried over from the event by the actor correlation.
        commandGateway.sendAndWait(new CancelOrderCommand(orderId, CancellationReason.DEAL_CANCELED, null));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderCanceledEvent event, CommandGateway commandGateway, DeadlineManager deadlineManager) {
        orderCanceled = true;
        cancelDeadlines(deadlineManager);
        switch (reservation) {
            // Whoever canceled may have given the stock back already; the deal then finds nothing to release.
            case HELD -> commandGateway.sendAndWait(new ReleaseStockCommand(timeDealId, orderId));
            case RELEASED -> SagaLifecycle.end();
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockReleasedEvent event) {
        // Stock is only released for a canceled order, so nothing is left to coordinate.
        reservation = ReservationOutcome.RELEASED;
        SagaLifecycle.end();
    }

    /**
     * Cancels by the ids the schedules returned: canceling "all within this saga's scope" makes db-scheduler read
     * every pending deadline of every order, which a flash sale with thousands of open holds cannot afford.
     */
    private void cancelDeadlines(DeadlineManager deadlineManager) {
        if (holdDeadline != null) {
            deadlineManager.cancelSchedule(RESERVATION_HOLD, holdDeadline);
            holdDeadline = null;
        }
        if (graceDeadline != null) {
            deadlineManager.cancelSchedule(PAYMENT_GRACE, graceDeadline);
            graceDeadline = null;
        }
    }
}
