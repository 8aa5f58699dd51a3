package com.bbossiregi.timedeal.query.audit.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.audit.StockCounts;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderConfirmedEvent;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.api.order.PaymentCompletedEvent;
import com.bbossiregi.timedeal.api.order.PaymentFailedEvent;
import com.bbossiregi.timedeal.api.order.PaymentRequestedEvent;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StockPositionTest {

    private static final long DEAL = 7;
    private static final String ORDER = "order-1";
    private static final OrderPlacedEvent PLACED = new OrderPlacedEvent(ORDER, 3, DEAL, 2, 29900, 59800);
    private static final OrderReservedEvent RESERVED = new OrderReservedEvent(ORDER, DEAL, 2);

    @Test
    void aPlacedOrderHoldsNothingUntilTheDealReservesForIt() {
        assertThat(StockPosition.ofOrderEvents(DEAL, List.of(PLACED))).isEqualTo(StockPosition.NOTHING);
        assertThat(StockPosition.ofOrderEvents(DEAL, List.of(PLACED, RESERVED))).isEqualTo(StockPosition.held(2));
    }

    @Test
    void aFailedOrderNeverHeldAnything() {
        assertThat(StockPosition.ofOrderEvents(DEAL, List.of(PLACED,
                new OrderFailedEvent(ORDER, DEAL, ReservationRejection.INSUFFICIENT_STOCK, 2, 1, null, null))))
                .isEqualTo(StockPosition.NOTHING);
    }

    @Test
    void releasingGivesTheHeldStockUp() {
        assertThat(StockPosition.ofOrderEvents(DEAL, List.of(PLACED, RESERVED,
                new OrderStockReleasedEvent(ORDER, DEAL, 2),
                new OrderCanceledEvent(ORDER, DEAL, CancellationReason.USER_REQUESTED))))
                .isEqualTo(StockPosition.NOTHING);
    }

    @Test
    void aFailedPaymentReleasesToo() {
        assertThat(StockPosition.ofOrderEvents(DEAL, List.of(PLACED, RESERVED,
                new PaymentRequestedEvent(ORDER, DEAL, "pay-1", 59800, "card"),
                new PaymentFailedEvent(ORDER, DEAL, "pay-1", "declined"),
                new OrderStockReleasedEvent(ORDER, DEAL, 2),
                new OrderCanceledEvent(ORDER, DEAL, CancellationReason.PAYMENT_FAILED))))
                .isEqualTo(StockPosition.NOTHING);
    }

    @Test
    void aPaidOrderStillHoldsUntilItIsConfirmedAndThenWasSoldTheConfirmedQuantity() {
        List<Object> paid = List.of(PLACED, RESERVED,
                new PaymentRequestedEvent(ORDER, DEAL, "pay-1", 59800, "card"),
                new PaymentCompletedEvent(ORDER, DEAL, "pay-1", 59800, "tx-1"));
        assertThat(StockPosition.ofOrderEvents(DEAL, paid)).isEqualTo(StockPosition.held(2));

        List<Object> confirmed = new java.util.ArrayList<>(paid);
        confirmed.add(new OrderConfirmedEvent(ORDER, DEAL, 2));
        assertThat(StockPosition.ofOrderEvents(DEAL, confirmed)).isEqualTo(StockPosition.sold(2));
    }

    @Test
    void eventsAboutAnotherDealAreNotThisDealsStock() {
        assertThat(StockPosition.ofOrderEvents(DEAL + 1, List.of(PLACED, RESERVED))).isEqualTo(StockPosition.NOTHING);
    }

    @Test
    void aReservedRowHoldsItsQuantityAndAConfirmedRowWasSoldIt() {
        assertThat(StockPosition.ofOrderRow(row(OrderStatus.RESERVED, 3))).isEqualTo(StockPosition.held(3));
        assertThat(StockPosition.ofOrderRow(row(OrderStatus.CONFIRMED, 3))).isEqualTo(StockPosition.sold(3));
        assertThat(StockPosition.ofOrderRow(null)).isEqualTo(StockPosition.NOTHING);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"PENDING", "CANCELED", "FAILED"})
    void otherRowsHoldNothing(OrderStatus status) {
        assertThat(StockPosition.ofOrderRow(row(status, 3))).isEqualTo(StockPosition.NOTHING);
    }

    @Test
    void positionsAddUpToCounters() {
        assertThat(StockPosition.total(List.of(StockPosition.held(2), StockPosition.sold(1), StockPosition.NOTHING,
                StockPosition.held(3)))).isEqualTo(new StockCounts(5, 1));
        assertThat(StockPosition.total(List.of())).isEqualTo(StockCounts.NONE);
    }

    static OrderView row(OrderStatus status, int quantity) {
        return row(ORDER, status, quantity);
    }

    static OrderView row(String orderId, OrderStatus status, int quantity) {
        Instant at = Instant.parse("2026-02-27T14:05:00Z");
        return new OrderView(orderId, 3, DEAL, quantity, 29900, 29900L * quantity, status, at, at, null, null, null);
    }
}
