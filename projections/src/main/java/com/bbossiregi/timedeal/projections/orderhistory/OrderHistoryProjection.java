package com.bbossiregi.timedeal.projections.orderhistory;

import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderConfirmedEvent;
import com.bbossiregi.timedeal.api.order.PaymentCompletedEvent;
import com.bbossiregi.timedeal.api.order.PaymentFailedEvent;
import com.bbossiregi.timedeal.api.order.PaymentRequestedEvent;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Builds one row per order. Every timestamp is the event's own, never the time of processing, so a replay
 * reproduces the same history.
 */
@Component
@ProcessingGroup(OrderHistoryProjection.PROCESSING_GROUP)
public class OrderHistoryProjection {

    public static final String PROCESSING_GROUP = "order-history";

    private final OrderHistoryRepository orders;

    public OrderHistoryProjection(OrderHistoryRepository orders) {
        this.orders = orders;
    }

    @EventHandler
    public void on(OrderPlacedEvent event, @SequenceNumber Long sequence, @Timestamp Instant timestamp) {
        orders.addOrder(event, sequence, timestamp);
    }

    @EventHandler
    public void on(OrderReservedEvent event, @SequenceNumber Long sequence, @Timestamp Instant timestamp) {
        orders.markReserved(event.orderId(), sequence, timestamp);
    }

    @EventHandler
    public void on(OrderFailedEvent event, @SequenceNumber Long sequence, @Timestamp Instant timestamp) {
        orders.markFailed(event.orderId(), sequence, timestamp);
    }

    @EventHandler
    public void on(OrderCanceledEvent event, @SequenceNumber Long sequence, @Timestamp Instant timestamp) {
        orders.markCanceled(event.orderId(), sequence, timestamp);
    }

    @EventHandler
    public void on(OrderConfirmedEvent event, @SequenceNumber Long sequence, @Timestamp Instant timestamp) {
        orders.markConfirmed(event.orderId(), sequence, timestamp);
    }

    /** Steps that leave the status as it is: giving stock back, and the payment's request and outcome. */
    @EventHandler
    public void on(OrderStockReleasedEvent event, @SequenceNumber Long sequence, @Timestamp Instant timestamp) {
        orders.touch(event.orderId(), sequence, timestamp);
    }

    @EventHandler
    public void on(PaymentRequestedEvent event, @SequenceNumber Long sequence, @Timestamp Instant timestamp) {
        orders.touch(event.orderId(), sequence, timestamp);
    }

    @EventHandler
    public void on(PaymentCompletedEvent event, @SequenceNumber Long sequence, @Timestamp Instant timestamp) {
        orders.touch(event.orderId(), sequence, timestamp);
    }

    @EventHandler
    public void on(PaymentFailedEvent event, @SequenceNumber Long sequence, @Timestamp Instant timestamp) {
        orders.touch(event.orderId(), sequence, timestamp);
    }

    @ResetHandler
    public void reset() {
        orders.deleteAll();
    }
}
