package com.bbossiregi.timedeal.command.order;

import static com.bbossiregi.timedeal.command.DomainExceptionMatcher.domainError;
import static com.bbossiregi.timedeal.command.SnapshotRoundTrip.assertSurvivesSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.order.CancelOrderCommand;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.FailOrderCommand;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.order.PlaceOrderCommand;
import com.bbossiregi.timedeal.api.order.RecordStockReservationCommand;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderTest {

    private static final String ORDER_ID = "order-1";
    private static final long OWNER_ID = 11L;
    private static final long OTHER_USER_ID = 12L;
    private static final long DEAL_ID = 7L;
    private static final long UNIT_PRICE = 29_900L;

    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    private static OrderPlacedEvent placed(int quantity) {
        return new OrderPlacedEvent(ORDER_ID, OWNER_ID, DEAL_ID, quantity, UNIT_PRICE, UNIT_PRICE * quantity);
    }

    private static OrderReservedEvent reserved(int quantity) {
        return new OrderReservedEvent(ORDER_ID, DEAL_ID, quantity);
    }

    private static OrderFailedEvent failed() {
        return new OrderFailedEvent(ORDER_ID, DEAL_ID, ReservationRejection.INSUFFICIENT_STOCK, 2, 1);
    }

    private static OrderCanceledEvent canceled(CancellationReason reason) {
        return new OrderCanceledEvent(ORDER_ID, DEAL_ID, reason);
    }

    private static CancelOrderCommand cancelByOwner() {
        return new CancelOrderCommand(ORDER_ID, CancellationReason.USER_REQUESTED, OWNER_ID);
    }

    @Nested
    class Placing {

        @Test
        void placesAPendingOrderPricedAtUnitPriceTimesQuantity() {
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrderCommand(ORDER_ID, OWNER_ID, DEAL_ID, 2, UNIT_PRICE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new OrderPlacedEvent(ORDER_ID, OWNER_ID, DEAL_ID, 2, UNIT_PRICE, 59_800L))
                    .expectState(order -> assertThat(order)
                            .hasFieldOrPropertyWithValue("status", OrderStatus.PENDING));
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 10})
        void acceptsTheQuantityBounds(int quantity) {
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrderCommand(ORDER_ID, OWNER_ID, DEAL_ID, quantity, UNIT_PRICE))
                    .expectEvents(placed(quantity));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 11, -1})
        void refusesAQuantityOutsideOneToTen(int quantity) {
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrderCommand(ORDER_ID, OWNER_ID, DEAL_ID, quantity, UNIT_PRICE))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.INVALID_QUANTITY,
                            Map.of("min", 1, "max", 10, "requested", quantity)));
        }

        @Test
        void refusesANonPositiveUnitPrice() {
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrderCommand(ORDER_ID, OWNER_ID, DEAL_ID, 1, 0))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.VALIDATION_ERROR,
                            List.of(Map.of("field", "unit_price", "message", "must be greater than 0"))));
        }
    }

    @Nested
    class ReservationOutcome {

        @Test
        void aPendingOrderBecomesReserved() {
            fixture.given(placed(2))
                    .when(new RecordStockReservationCommand(ORDER_ID, 2))
                    .expectEvents(reserved(2))
                    .expectState(order -> assertThat(order)
                            .hasFieldOrPropertyWithValue("status", OrderStatus.RESERVED));
        }

        @Test
        void recordingAReservationAgainIsANoOp() {
            fixture.given(placed(2), reserved(2))
                    .when(new RecordStockReservationCommand(ORDER_ID, 2))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void recordingAReservationAfterCancelIsANoOp() {
            fixture.given(placed(2), canceled(CancellationReason.USER_REQUESTED))
                    .when(new RecordStockReservationCommand(ORDER_ID, 2))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(order -> assertThat(order)
                            .hasFieldOrPropertyWithValue("status", OrderStatus.CANCELED));
        }

        @Test
        void aPendingOrderFailsWithTheDealsReason() {
            fixture.given(placed(2))
                    .when(new FailOrderCommand(ORDER_ID, ReservationRejection.INSUFFICIENT_STOCK, 1))
                    .expectEvents(failed())
                    .expectState(order -> assertThat(order)
                            .hasFieldOrPropertyWithValue("status", OrderStatus.FAILED));
        }

        @Test
        void failingACanceledOrderIsANoOp() {
            fixture.given(placed(2), canceled(CancellationReason.USER_REQUESTED))
                    .when(new FailOrderCommand(ORDER_ID, ReservationRejection.DEAL_NOT_ACTIVE, 0))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void failingAReservedOrderIsANoOp() {
            fixture.given(placed(2), reserved(2))
                    .when(new FailOrderCommand(ORDER_ID, ReservationRejection.DEAL_NOT_ACTIVE, 0))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Cancellation {

        @Test
        void aReservedOrderReleasesItsStockThenCancels() {
            fixture.given(placed(2), reserved(2))
                    .when(cancelByOwner())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, 2),
                            canceled(CancellationReason.USER_REQUESTED))
                    .expectState(order -> assertThat(order)
                            .hasFieldOrPropertyWithValue("status", OrderStatus.CANCELED));
        }

        @Test
        void aPendingOrderOnlyCancels() {
            fixture.given(placed(2))
                    .when(cancelByOwner())
                    .expectEvents(canceled(CancellationReason.USER_REQUESTED));
        }

        @Test
        void anAdministratorOrTheSystemMayCancelAnyOrder() {
            fixture.given(placed(1), reserved(1))
                    .when(new CancelOrderCommand(ORDER_ID, CancellationReason.RESERVATION_EXPIRED, null))
                    .expectEvents(
                            new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, 1),
                            canceled(CancellationReason.RESERVATION_EXPIRED));
        }

        @Test
        void anotherUserMayNotCancel() {
            fixture.given(placed(1), reserved(1))
                    .when(new CancelOrderCommand(ORDER_ID, CancellationReason.USER_REQUESTED, OTHER_USER_ID))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.FORBIDDEN));
        }

        @Test
        void anotherUserLearnsNothingAboutTheOrdersState() {
            fixture.given(placed(1), canceled(CancellationReason.USER_REQUESTED))
                    .when(new CancelOrderCommand(ORDER_ID, CancellationReason.USER_REQUESTED, OTHER_USER_ID))
                    .expectException(domainError(ErrorCode.FORBIDDEN));
        }

        @Test
        void aCanceledOrderIsAlreadyCanceled() {
            fixture.given(placed(1), reserved(1),
                            new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, 1),
                            canceled(CancellationReason.USER_REQUESTED))
                    .when(cancelByOwner())
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.ALREADY_CANCELED));
        }

        @Test
        void aFailedOrderCannotBeCanceled() {
            fixture.given(placed(2), failed())
                    .when(cancelByOwner())
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.CANNOT_CANCEL));
        }

        @Test
        void aCancellationNeedsAReason() {
            fixture.given(placed(2))
                    .when(new CancelOrderCommand(ORDER_ID, null, OWNER_ID))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.VALIDATION_ERROR));
        }
    }

    @Test
    void survivesAJacksonSnapshot() {
        fixture.given(placed(3))
                .when(new RecordStockReservationCommand(ORDER_ID, 3))
                .expectState(order -> {
                    assertThat(order).hasFieldOrPropertyWithValue("totalPrice", UNIT_PRICE * 3);
                    assertSurvivesSnapshot(order);
                });
    }
}
