package com.bbossiregi.timedeal.api.audit;

import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderConfirmedEvent;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.order.PaymentCompletedEvent;
import com.bbossiregi.timedeal.api.order.PaymentFailedEvent;
import com.bbossiregi.timedeal.api.order.PaymentRequestedEvent;
import com.bbossiregi.timedeal.api.product.ProductChangedEvent;
import com.bbossiregi.timedeal.api.product.ProductCreatedEvent;
import com.bbossiregi.timedeal.api.product.ProductStatusChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.ReservationHoldsEndedEvent;
import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservationRejectedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCanceledEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealProductStatusChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealEndedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealReactivatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealSoldOutEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStartedEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names auditors read for each event. An order's stream uses the contract's names ({@code CREATED},
 * {@code STOCK_RESERVED}, ...); a deal's and a product's streams use names of the same style. The name is unique
 * within a stream type, so {@code STOCK_RESERVED} names the order's record in an order stream and the deal's in a
 * deal stream.
 */
public final class EventTypes {

    /** Which kind of aggregate a stream belongs to. */
    public enum StreamType {
        ORDER,
        TIME_DEAL,
        PRODUCT
    }

    /** An event's public name and the kind of stream it belongs to. */
    public record EventType(String name, StreamType streamType) {
    }

    private static final Map<Class<?>, EventType> TYPES = Map.ofEntries(
            order(OrderPlacedEvent.class, "CREATED"),
            order(OrderReservedEvent.class, "STOCK_RESERVED"),
            order(OrderStockReleasedEvent.class, "STOCK_RELEASED"),
            order(PaymentRequestedEvent.class, "PAYMENT_REQUESTED"),
            order(PaymentCompletedEvent.class, "PAYMENT_COMPLETED"),
            order(PaymentFailedEvent.class, "PAYMENT_FAILED"),
            order(OrderConfirmedEvent.class, "CONFIRMED"),
            order(OrderCanceledEvent.class, "CANCELED"),
            order(OrderFailedEvent.class, "FAILED"),
            deal(TimeDealCreatedEvent.class, "DEAL_CREATED"),
            deal(TimeDealStartedEvent.class, "DEAL_STARTED"),
            deal(TimeDealEndedEvent.class, "DEAL_ENDED"),
            deal(TimeDealCanceledEvent.class, "DEAL_CANCELED"),
            deal(TimeDealSoldOutEvent.class, "SOLD_OUT"),
            deal(TimeDealReactivatedEvent.class, "REACTIVATED"),
            deal(StockReservedEvent.class, "STOCK_RESERVED"),
            deal(StockReservationRejectedEvent.class, "RESERVATION_REJECTED"),
            deal(StockReleasedEvent.class, "STOCK_RELEASED"),
            deal(ReservationHoldsEndedEvent.class, "HOLDS_ENDED"),
            deal(ReservedStockSoldEvent.class, "STOCK_SOLD"),
            deal(TimeDealChangedEvent.class, "DEAL_CHANGED"),
            deal(TimeDealProductStatusChangedEvent.class, "PRODUCT_STATUS_RECORDED"),
            Map.entry(ProductCreatedEvent.class, new EventType("PRODUCT_CREATED", StreamType.PRODUCT)),
            Map.entry(ProductChangedEvent.class, new EventType("PRODUCT_CHANGED", StreamType.PRODUCT)),
            Map.entry(ProductStatusChangedEvent.class, new EventType("PRODUCT_STATUS_CHANGED", StreamType.PRODUCT)));

    private EventTypes() {
    }

    public static Optional<EventType> of(Class<?> payloadType) {
        return Optional.ofNullable(TYPES.get(payloadType));
    }

    /** Every public name in use, for validating a {@code type} filter. */
    public static Set<String> names() {
        return TYPES.values().stream().map(EventType::name).collect(java.util.stream.Collectors.toSet());
    }

    private static Map.Entry<Class<?>, EventType> order(Class<?> type, String name) {
        return Map.entry(type, new EventType(name, StreamType.ORDER));
    }

    private static Map.Entry<Class<?>, EventType> deal(Class<?> type, String name) {
        return Map.entry(type, new EventType(name, StreamType.TIME_DEAL));
    }
}
