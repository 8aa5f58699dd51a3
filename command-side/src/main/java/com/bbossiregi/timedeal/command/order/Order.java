package com.bbossiregi.timedeal.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.order.CancelOrderCommand;
import com.bbossiregi.timedeal.api.order.FailOrderCommand;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.order.PlaceOrderCommand;
import com.bbossiregi.timedeal.api.order.RecordStockReservationCommand;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A shopper's order for one time deal. The order does not hold stock itself: the {@link OrderSaga} asks the
 * deal for it and reports the outcome back with {@link RecordStockReservationCommand} or
 * {@link FailOrderCommand}, both of which are no-ops once the order has moved on, because the saga may
 * deliver them after the shopper already canceled.
 */
@Aggregate
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
public class Order {

    static final int MIN_QUANTITY = 1;
    static final int MAX_QUANTITY = 10;

    @AggregateIdentifier
    private String orderId;
    private long userId;
    private long timeDealId;
    private int quantity;
    private long totalPrice;
    private OrderStatus status;

    protected Order() {
        // Axon and Jackson rebuild the aggregate from events or a snapshot.
    }

    @CommandHandler
    public Order(PlaceOrderCommand command) {
        if (command.quantity() < MIN_QUANTITY || command.quantity() > MAX_QUANTITY) {
            throw new DomainException(
                    ErrorCode.INVALID_QUANTITY,
                    "quantity must be between " + MIN_QUANTITY + " and " + MAX_QUANTITY,
                    Map.of("min", MIN_QUANTITY, "max", MAX_QUANTITY, "requested", command.quantity()));
        }
        if (command.unitPrice() <= 0) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    "unit_price must be greater than 0",
                    List.of(Map.of("field", "unit_price", "message", "must be greater than 0")));
        }
        apply(new OrderPlacedEvent(
                command.orderId(),
                command.userId(),
                command.timeDealId(),
                command.quantity(),
                command.unitPrice(),
                command.unitPrice() * command.quantity()));
    }

    @CommandHandler
    public void handle(RecordStockReservationCommand command) {
        if (status != OrderStatus.PENDING) {
            return;
        }
        apply(new OrderReservedEvent(orderId, timeDealId, quantity));
    }

    @CommandHandler
    public void handle(FailOrderCommand command) {
        if (status != OrderStatus.PENDING) {
            return;
        }
        apply(new OrderFailedEvent(orderId, timeDealId, command.reason(), quantity, command.availableQuantity()));
    }

    @CommandHandler
    public void handle(CancelOrderCommand command) {
        if (command.requestingUserId() != null && command.requestingUserId() != userId) {
            throw new DomainException(ErrorCode.FORBIDDEN, "the order belongs to another user");
        }
        if (command.reason() == null) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    "reason is required",
                    List.of(Map.of("field", "reason", "message", "is required")));
        }
        switch (status) {
            case CANCELED -> throw new DomainException(ErrorCode.ALREADY_CANCELED, "the order is already canceled");
            case CONFIRMED, FAILED -> throw new DomainException(
                    ErrorCode.CANNOT_CANCEL, "a " + status.name().toLowerCase() + " order cannot be canceled");
            case RESERVED -> {
                // Auditors read STOCK_RELEASED before CANCELED in the order's own stream.
                apply(new OrderStockReleasedEvent(orderId, timeDealId, quantity));
                apply(new OrderCanceledEvent(orderId, timeDealId, command.reason()));
            }
            case PENDING -> apply(new OrderCanceledEvent(orderId, timeDealId, command.reason()));
        }
    }

    @EventSourcingHandler
    private void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        userId = event.userId();
        timeDealId = event.timeDealId();
        quantity = event.quantity();
        totalPrice = event.totalPrice();
        status = OrderStatus.PENDING;
    }

    @EventSourcingHandler
    private void on(OrderReservedEvent event) {
        status = OrderStatus.RESERVED;
    }

    @EventSourcingHandler
    private void on(OrderFailedEvent event) {
        status = OrderStatus.FAILED;
    }

    @EventSourcingHandler
    private void on(OrderCanceledEvent event) {
        status = OrderStatus.CANCELED;
    }
}
