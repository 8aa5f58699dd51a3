package com.bbossiregi.timedeal.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.order.CancelOrderCommand;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.CompletePaymentCommand;
import com.bbossiregi.timedeal.api.order.ConfirmOrderCommand;
import com.bbossiregi.timedeal.api.order.FailPaymentCommand;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderConfirmedEvent;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderRejection;
import com.bbossiregi.timedeal.api.order.PlacedOrder;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.api.order.PaymentCompletedEvent;
import com.bbossiregi.timedeal.api.order.PaymentFailedEvent;
import com.bbossiregi.timedeal.api.order.PaymentRequestedEvent;
import com.bbossiregi.timedeal.api.order.RequestPaymentCommand;
import com.bbossiregi.timedeal.command.support.Metadata;
import com.bbossiregi.timedeal.command.support.StoredByFields;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A shopper's order for one time deal. The order does not hold stock itself: its deal decides the reservation and
 * opens the order, reserved or failed, in the same unit of work ({@code TimeDeal#handle(PlaceOrderCommand)}). When the
 * order is canceled it gives up its stock at once; the deal takes it back on {@code ReleaseStockCommand}, sent by
 * whoever canceled (and again by the saga of an order being paid, which is harmless), or at the latest when the deal
 * ends the order's hold ({@link #endHold}, ADR 0019).
 *
 * <p>A reserved order is paid in two steps: a payment is requested, then the provider's answer completes or fails
 * it. Only the attempt in progress can be answered, so a late or repeated answer changes nothing. Once paid, the
 * order waits for the deal to sell the held stock and is then confirmed; from the request on, it can no longer be
 * canceled, because the money may already be taken.
 */
@Aggregate(cache = "orderCache", lockFactory = "aggregateLocks")
@StoredByFields
public class Order {

    static final String PAYMENT_GRACE = "payment-grace";
    /** The reason of a payment that got no answer within its grace. */
    public static final String PAYMENT_ABANDONED = "payment_abandoned";


    enum PaymentProgress {
        NONE,
        IN_PROGRESS,
        COMPLETED,
        FAILED
    }

    @AggregateIdentifier
    private String orderId;
    private long userId;
    private long timeDealId;
    private int quantity;
    private long unitPrice;
    private long totalPrice;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant reservedAt;
    private Instant confirmedAt;
    private Instant canceledAt;
    private OrderStatus status;
    private PaymentProgress payment = PaymentProgress.NONE;
    /** The attempt the provider answers for; only set once a payment was requested. */
    private String paymentId;
    /** Why the deal refused the order; set only for a failed order. */
    private OrderRejection rejection;

    protected Order() {
        // Axon and Jackson rebuild the aggregate from events or a snapshot.
    }

    /**
     * Opens an order as its deal decided it, in the deal's unit of work: reserved when the deal holds its stock,
     * failed with the deal's reason otherwise. Only {@code TimeDeal} opens orders.
     *
     * @param request what the order's events record of the request that placed it (who acted, its trace), over the
     *                deal's command's own (several orders share one command when they share a commit)
     */
    public Order(String orderId, long userId, long timeDealId, int quantity, long unitPrice, OrderRejection rejection,
                 MetaData request) {
        apply(new OrderPlacedEvent(orderId, userId, timeDealId, quantity, unitPrice, unitPrice * quantity), request);
        if (rejection == null) {
            apply(new OrderReservedEvent(orderId, timeDealId, quantity), request);
        } else {
            apply(new OrderFailedEvent(orderId, timeDealId, rejection.reason(), rejection.requestedQuantity(),
                    rejection.availableQuantity(), rejection.perShopperLimit(), rejection.heldByShopper()), request);
        }
    }

    /** @return the order after the cancellation (unchanged when a system cancellation finds nothing to do) */
    @CommandHandler
    public OrderView handle(CancelOrderCommand command) {
        if (command.requestingUserId() != null && command.requestingUserId() != userId) {
            throw new DomainException(ErrorCode.FORBIDDEN, "the order belongs to another user");
        }
        if (command.reason() == null) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    "reason is required",
                    List.of(Map.of("field", "reason", "message", "is required")));
        }
        if (command.reason().isRequestedByPerson()) {
            refuseCancellationThatCannotHappen();
        } else if (status.isFinal() || payment != PaymentProgress.NONE) {
            // A hold running out or a deal being withdrawn must not fail on an order that has moved on;
            // an order being paid is left to its payment.
            return view();
        }
        if (status == OrderStatus.RESERVED) {
            // Auditors read STOCK_RELEASED before CANCELED in the order's own stream.
            apply(new OrderStockReleasedEvent(orderId, timeDealId, quantity));
        }
        apply(new OrderCanceledEvent(orderId, timeDealId, command.reason()));
        return view();
    }

    private void refuseCancellationThatCannotHappen() {
        switch (status) {
            case CANCELED -> throw new DomainException(ErrorCode.ALREADY_CANCELED, "the order is already canceled");
            case CONFIRMED, FAILED -> throw new DomainException(
                    ErrorCode.CANNOT_CANCEL, "a " + status.name().toLowerCase() + " order cannot be canceled");
            case PENDING, RESERVED -> {
                // Cancelable unless a payment has started, checked below.
            }
        }
        if (payment == PaymentProgress.IN_PROGRESS) {
            throw new DomainException(ErrorCode.PAYMENT_IN_PROGRESS, "the order is being paid");
        }
        if (payment == PaymentProgress.COMPLETED) {
            throw new DomainException(ErrorCode.CANNOT_CANCEL, "a paid order cannot be canceled");
        }
    }

    /** @return the payment this requested, or null when the order is already paid and nothing is to be charged */
    @CommandHandler
    public PaymentRequestedEvent handle(RequestPaymentCommand command) {
        if (command.requestingUserId() != userId) {
            throw new DomainException(ErrorCode.FORBIDDEN, "the order belongs to another user");
        }
        if (command.paymentId() == null || command.paymentId().isBlank()) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    "payment_id is required",
                    List.of(Map.of("field", "payment_id", "message", "is required")));
        }
        switch (status) {
            case CANCELED -> throw new DomainException(ErrorCode.ALREADY_CANCELED, "the order is already canceled");
            case PENDING, FAILED -> throw new DomainException(
                    ErrorCode.ORDER_NOT_RESERVED, "a " + status.name().toLowerCase() + " order holds no stock to pay for");
            case CONFIRMED -> {
                // Paying twice must not charge twice; the caller is answered with the confirmed order.
                return null;
            }
            case RESERVED -> {
                // Payable unless a payment has started, checked below.
            }
        }
        if (payment == PaymentProgress.IN_PROGRESS) {
            throw new DomainException(ErrorCode.PAYMENT_IN_PROGRESS, "the order is already being paid");
        }
        if (payment == PaymentProgress.COMPLETED) {
            // Paid and about to be confirmed: like a confirmed order, no second payment.
            return null;
        }
        PaymentRequestedEvent requested =
                new PaymentRequestedEvent(orderId, timeDealId, command.paymentId(), totalPrice, command.method());
        apply(requested);
        return requested;
    }

    @CommandHandler
    public void handle(CompletePaymentCommand command) {
        if (!isPaymentInProgress(command.paymentId())) {
            // A repeated or stale answer from the provider.
            return;
        }
        apply(new PaymentCompletedEvent(orderId, timeDealId, paymentId, totalPrice, command.transactionId()));
    }

    /** @return the order after the answer: canceled, its stock given up, when this attempt was the one in progress */
    @CommandHandler
    public OrderView handle(FailPaymentCommand command) {
        if (isPaymentInProgress(command.paymentId())) {
            failPayment(command.reason(), MetaData.emptyInstance());
        }
        return view();
    }

    private void failPayment(String reason, MetaData metaData) {
        apply(new PaymentFailedEvent(orderId, timeDealId, paymentId, reason), metaData);
        apply(new OrderStockReleasedEvent(orderId, timeDealId, quantity), metaData);
        apply(new OrderCanceledEvent(orderId, timeDealId, CancellationReason.PAYMENT_FAILED), metaData);
    }

    /** @return the confirmed order */
    @CommandHandler
    public OrderView handle(ConfirmOrderCommand command) {
        if (status == OrderStatus.CONFIRMED) {
            return view();
        }
        if (status != OrderStatus.RESERVED || payment != PaymentProgress.COMPLETED) {
            throw new DomainException(ErrorCode.ORDER_NOT_RESERVED, "only a paid, reserved order can be confirmed");
        }
        apply(new OrderConfirmedEvent(orderId, timeDealId, quantity));
        return view();
    }

    /**
     * The order's deal ended its hold (ADR 0019), because the hold ran out or the deal was canceled, and asks, in the
     * deal's unit of work, what that means here: an unpaid reserved order is canceled for that reason and gives up its
     * stock; a payment under way gets its grace, after which it counts as abandoned ({@link #onPaymentGraceRunOut}), so
     * a payment that is still answered is honored (ADR 0012); a paid order keeps its stock for its sale.
     *
     * @param reason   {@code RESERVATION_EXPIRED} or {@code DEAL_CANCELED}
     * @param by       who ended it, for the order's events: the system for a hold that ran out; empty to keep the
     *                 deal's unit of work's own actor (the admin who canceled the deal)
     * @return whether the deal takes back the order's stock: also for an order canceled earlier, whose canceling node
     *         may have died before the deal heard of it (the deal releases an order's stock once)
     */
    public boolean endHold(CancellationReason reason, MetaData by, DeadlineManager deadlineManager,
                           Duration paymentGrace) {
        if (status == OrderStatus.CANCELED) {
            return true;
        }
        if (status != OrderStatus.RESERVED) {
            return false;
        }
        switch (payment) {
            case NONE -> {
                apply(new OrderStockReleasedEvent(orderId, timeDealId, quantity), by);
                apply(new OrderCanceledEvent(orderId, timeDealId, reason), by);
                return true;
            }
            case IN_PROGRESS -> deadlineManager.schedule(paymentGrace, PAYMENT_GRACE, paymentId,
                    new AggregateScopeDescriptor(Order.class.getSimpleName(), orderId));
            case COMPLETED, FAILED -> {
                // Paid: its sale is under way. (A failed payment cancels the order, handled above.)
            }
        }
        return false;
    }

    /** The payment that was under way when the hold ended and is still not answered counts as abandoned. */
    @DeadlineHandler(deadlineName = PAYMENT_GRACE)
    private void onPaymentGraceRunOut(String abandonedPaymentId) {
        if (isPaymentInProgress(abandonedPaymentId)) {
            failPayment(PAYMENT_ABANDONED, Metadata.BY_THE_CLOCK);
        }
    }

    private boolean isPaymentInProgress(String answeredPaymentId) {
        return payment == PaymentProgress.IN_PROGRESS && paymentId.equals(answeredPaymentId);
    }

    @EventSourcingHandler
    private void on(OrderPlacedEvent event, @Timestamp Instant at) {
        orderId = event.orderId();
        userId = event.userId();
        timeDealId = event.timeDealId();
        quantity = event.quantity();
        unitPrice = event.unitPrice();
        totalPrice = event.totalPrice();
        status = OrderStatus.PENDING;
        createdAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    private void on(OrderReservedEvent event, @Timestamp Instant at) {
        status = OrderStatus.RESERVED;
        reservedAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    private void on(OrderFailedEvent event, @Timestamp Instant at) {
        status = OrderStatus.FAILED;
        rejection = event.rejection();
        updatedAt = at;
    }

    @EventSourcingHandler
    private void on(OrderStockReleasedEvent event, @Timestamp Instant at) {
        updatedAt = at;
    }

    @EventSourcingHandler
    private void on(OrderCanceledEvent event, @Timestamp Instant at) {
        status = OrderStatus.CANCELED;
        canceledAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    private void on(PaymentRequestedEvent event, @Timestamp Instant at) {
        payment = PaymentProgress.IN_PROGRESS;
        paymentId = event.paymentId();
        updatedAt = at;
    }

    @EventSourcingHandler
    private void on(PaymentCompletedEvent event, @Timestamp Instant at) {
        payment = PaymentProgress.COMPLETED;
        updatedAt = at;
    }

    @EventSourcingHandler
    private void on(PaymentFailedEvent event, @Timestamp Instant at) {
        payment = PaymentProgress.FAILED;
        updatedAt = at;
    }

    @EventSourcingHandler
    private void on(OrderConfirmedEvent event, @Timestamp Instant at) {
        status = OrderStatus.CONFIRMED;
        confirmedAt = at;
        updatedAt = at;
    }

    /** What placing the order came to, as of the last event applied: the order, and the deal's refusal if any. */
    public PlacedOrder placement() {
        return new PlacedOrder(view(), rejection);
    }

    /** The order as the contract shows it, as of the last event applied. */
    public OrderView view() {
        return new OrderView(orderId, userId, timeDealId, quantity, unitPrice, totalPrice, status, createdAt, updatedAt,
                reservedAt, confirmedAt, canceledAt);
    }
}
