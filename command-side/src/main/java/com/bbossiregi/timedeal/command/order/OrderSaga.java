package com.bbossiregi.timedeal.command.order;

import com.bbossiregi.timedeal.api.order.FailOrderCommand;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.RecordStockReservationCommand;
import com.bbossiregi.timedeal.api.timedeal.ReleaseStockCommand;
import com.bbossiregi.timedeal.api.timedeal.ReserveStockCommand;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservationRejectedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Moves stock between a time deal and an order. The deal and the order are separate aggregates, so their
 * events can reach this saga in either order: a shopper may cancel before the deal answers the
 * reservation. The saga therefore remembers both the reservation outcome and whether the order was
 * canceled, and whichever arrives second decides: stock held for a canceled order is given back, a refused
 * reservation of a canceled order needs nothing more.
 *
 * <p>Commands go out with {@code sendAndWait}, so a failure fails the event handling and the processor
 * retries it instead of the saga silently moving on. The gateway is a handler parameter, not a field, so
 * the saga's serialized state holds only its own facts.
 */
@Saga
@ProcessingGroup("order-saga")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
public class OrderSaga {

    static final String ORDER_ID = "orderId";
    static final String TIME_DEAL_ID = "timeDealId";

    enum ReservationOutcome {
        AWAITED,
        HELD,
        REJECTED,
        RELEASED
    }

    private String orderId;
    private long timeDealId;
    private int quantity;
    private ReservationOutcome reservation;
    private boolean orderCanceled;

    public OrderSaga() {
        // Axon and Jackson create sagas reflectively.
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderPlacedEvent event, CommandGateway commandGateway) {
        orderId = event.orderId();
        timeDealId = event.timeDealId();
        quantity = event.quantity();
        reservation = ReservationOutcome.AWAITED;
        // Lets a canceled deal find the sagas of its open orders.
        SagaLifecycle.associateWith(TIME_DEAL_ID, String.valueOf(timeDealId));
        commandGateway.sendAndWait(new ReserveStockCommand(timeDealId, orderId, quantity));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockReservedEvent event, CommandGateway commandGateway) {
        reservation = ReservationOutcome.HELD;
        if (orderCanceled) {
            commandGateway.sendAndWait(new ReleaseStockCommand(timeDealId, orderId));
        } else {
            commandGateway.sendAndWait(new RecordStockReservationCommand(orderId, event.quantity()));
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockReservationRejectedEvent event, CommandGateway commandGateway) {
        reservation = ReservationOutcome.REJECTED;
        if (orderCanceled) {
            SagaLifecycle.end();
            return;
        }
        commandGateway.sendAndWait(new FailOrderCommand(orderId, event.reason(), event.availableQuantity()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderFailedEvent event) {
        // The order is final and the deal holds nothing for it.
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderCanceledEvent event, CommandGateway commandGateway) {
        orderCanceled = true;
        switch (reservation) {
            case HELD -> commandGateway.sendAndWait(new ReleaseStockCommand(timeDealId, orderId));
            case REJECTED, RELEASED -> SagaLifecycle.end();
            case AWAITED -> {
                // The deal's answer is still on its way; its handler gives the stock back if it was held.
            }
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockReleasedEvent event) {
        // Stock is only released for a canceled order, so nothing is left to coordinate.
        reservation = ReservationOutcome.RELEASED;
        SagaLifecycle.end();
    }
}
