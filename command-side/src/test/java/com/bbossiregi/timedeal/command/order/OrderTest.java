package com.bbossiregi.timedeal.command.order;

import static com.bbossiregi.timedeal.command.DomainExceptionMatcher.domainError;
import static com.bbossiregi.timedeal.command.SnapshotRoundTrip.assertSurvivesSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

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
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.order.PaymentCompletedEvent;
import com.bbossiregi.timedeal.api.order.PaymentFailedEvent;
import com.bbossiregi.timedeal.api.order.PaymentRequestedEvent;
import com.bbossiregi.timedeal.api.order.RequestPaymentCommand;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderTest {

    private static final String ORDER_ID = "order-1";
    private static final long OWNER_ID = 11L;
    private static final long OTHER_USER_ID = 12L;
    private static final long DEAL_ID = 7L;
    private static final long UNIT_PRICE = 29_900L;
    private static final String PAYMENT_ID = "pay-1";
    private static final String METHOD = "card";
    private static final String TRANSACTION_ID = "tx-1";

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
        return new OrderFailedEvent(ORDER_ID, DEAL_ID, ReservationRejection.INSUFFICIENT_STOCK, 2, 1, null, null);
    }

    private static OrderCanceledEvent canceled(CancellationReason reason) {
        return new OrderCanceledEvent(ORDER_ID, DEAL_ID, reason);
    }

    private static CancelOrderCommand cancelByOwner() {
        return new CancelOrderCommand(ORDER_ID, CancellationReason.USER_REQUESTED, OWNER_ID);
    }

    private static RequestPaymentCommand payByOwner() {
        return new RequestPaymentCommand(ORDER_ID, PAYMENT_ID, METHOD, OWNER_ID);
    }

    private static PaymentRequestedEvent paymentRequested(int quantity) {
        return new PaymentRequestedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, UNIT_PRICE * quantity, METHOD);
    }

    private static PaymentCompletedEvent paymentCompleted(int quantity) {
        return new PaymentCompletedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, UNIT_PRICE * quantity, TRANSACTION_ID);
    }

    private static OrderConfirmedEvent confirmed(int quantity) {
        return new OrderConfirmedEvent(ORDER_ID, DEAL_ID, quantity);
    }

    /** Every state an order can be in, each as the events that lead there. */
    enum OrderStage {
        PENDING(placed(2)),
        RESERVED(placed(2), reserved(2)),
        PAYMENT_IN_PROGRESS(placed(2), reserved(2), paymentRequested(2)),
        PAID(placed(2), reserved(2), paymentRequested(2), paymentCompleted(2)),
        CONFIRMED(placed(2), reserved(2), paymentRequested(2), paymentCompleted(2), confirmed(2)),
        CANCELED(placed(2), reserved(2), new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, 2),
                canceled(CancellationReason.USER_REQUESTED)),
        FAILED(placed(2), failed());

        private final List<Object> history;

        OrderStage(Object... history) {
            this.history = List.of(history);
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

        @Test
        void theOwnerCannotCancelWhileAPaymentIsInProgress() {
            fixture.given(OrderStage.PAYMENT_IN_PROGRESS.history)
                    .when(cancelByOwner())
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.PAYMENT_IN_PROGRESS));
        }

        @Test
        void anAdministratorCannotCancelWhileAPaymentIsInProgress() {
            fixture.given(OrderStage.PAYMENT_IN_PROGRESS.history)
                    .when(new CancelOrderCommand(ORDER_ID, CancellationReason.ADMIN_REQUESTED, null))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.PAYMENT_IN_PROGRESS));
        }

        @Test
        void aConfirmedOrderCannotBeCanceled() {
            fixture.given(OrderStage.CONFIRMED.history)
                    .when(cancelByOwner())
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.CANNOT_CANCEL));
        }

        @Test
        void aPaidOrderAwaitingConfirmationCannotBeCanceled() {
            fixture.given(OrderStage.PAID.history)
                    .when(new CancelOrderCommand(ORDER_ID, CancellationReason.ADMIN_REQUESTED, null))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.CANNOT_CANCEL));
        }

        @ParameterizedTest
        @EnumSource(value = CancellationReason.class, names = {"RESERVATION_EXPIRED", "DEAL_CANCELED", "PAYMENT_FAILED"})
        void theSystemCancelsAPendingOrder(CancellationReason reason) {
            fixture.given(OrderStage.PENDING.history)
                    .when(new CancelOrderCommand(ORDER_ID, reason, null))
                    .expectEvents(canceled(reason));
        }

        @ParameterizedTest
        @EnumSource(value = CancellationReason.class, names = {"RESERVATION_EXPIRED", "DEAL_CANCELED", "PAYMENT_FAILED"})
        void theSystemCancelsAReservedOrderAndReleasesItsStock(CancellationReason reason) {
            fixture.given(OrderStage.RESERVED.history)
                    .when(new CancelOrderCommand(ORDER_ID, reason, null))
                    .expectEvents(new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, 2), canceled(reason));
        }

        @ParameterizedTest
        @EnumSource(value = OrderStage.class, names = {"PAYMENT_IN_PROGRESS", "PAID", "CONFIRMED", "CANCELED", "FAILED"})
        void aSystemCancelOfAnOrderThatMovedOnIsANoOp(OrderStage stage) {
            for (CancellationReason reason : List.of(CancellationReason.RESERVATION_EXPIRED,
                    CancellationReason.DEAL_CANCELED, CancellationReason.PAYMENT_FAILED)) {
                fixture.given(stage.history)
                        .when(new CancelOrderCommand(ORDER_ID, reason, null))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
            }
        }
    }

    @Nested
    class Payment {

        @Test
        void theOwnerPaysTheTotalOfAReservedOrder() {
            fixture.given(OrderStage.RESERVED.history)
                    .when(payByOwner())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PaymentRequestedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, 59_800L, METHOD))
                    .expectState(order -> assertThat(order)
                            .hasFieldOrPropertyWithValue("status", OrderStatus.RESERVED)
                            .hasFieldOrPropertyWithValue("payment", Order.PaymentProgress.IN_PROGRESS)
                            .hasFieldOrPropertyWithValue("paymentId", PAYMENT_ID));
        }

        @ParameterizedTest
        @EnumSource(OrderStage.class)
        void anotherUserMayNotPayWhateverTheState(OrderStage stage) {
            fixture.given(stage.history)
                    .when(new RequestPaymentCommand(ORDER_ID, PAYMENT_ID, METHOD, OTHER_USER_ID))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.FORBIDDEN));
        }

        @Test
        void aPaymentNeedsAnId() {
            fixture.given(OrderStage.RESERVED.history)
                    .when(new RequestPaymentCommand(ORDER_ID, " ", METHOD, OWNER_ID))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.VALIDATION_ERROR));
        }

        @Test
        void aCanceledOrderIsAlreadyCanceled() {
            fixture.given(OrderStage.CANCELED.history)
                    .when(payByOwner())
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.ALREADY_CANCELED));
        }

        @ParameterizedTest
        @EnumSource(value = OrderStage.class, names = {"PENDING", "FAILED"})
        void anOrderWithoutStockCannotBePaid(OrderStage stage) {
            fixture.given(stage.history)
                    .when(payByOwner())
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.ORDER_NOT_RESERVED));
        }

        @Test
        void aSecondPaymentWhileOneIsInProgressIsRefused() {
            fixture.given(OrderStage.PAYMENT_IN_PROGRESS.history)
                    .when(new RequestPaymentCommand(ORDER_ID, "pay-2", METHOD, OWNER_ID))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.PAYMENT_IN_PROGRESS));
        }

        @ParameterizedTest
        @EnumSource(value = OrderStage.class, names = {"PAID", "CONFIRMED"})
        void payingAPaidOrderAgainChargesNothing(OrderStage stage) {
            fixture.given(stage.history)
                    .when(new RequestPaymentCommand(ORDER_ID, "pay-2", METHOD, OWNER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theProviderCompletesThePaymentInProgress() {
            fixture.given(OrderStage.PAYMENT_IN_PROGRESS.history)
                    .when(new CompletePaymentCommand(ORDER_ID, PAYMENT_ID, TRANSACTION_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PaymentCompletedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, 59_800L, TRANSACTION_ID))
                    .expectState(order -> assertThat(order)
                            .hasFieldOrPropertyWithValue("status", OrderStatus.RESERVED)
                            .hasFieldOrPropertyWithValue("payment", Order.PaymentProgress.COMPLETED));
        }

        @Test
        void aRepeatedCompletionIsANoOp() {
            fixture.given(OrderStage.PAID.history)
                    .when(new CompletePaymentCommand(ORDER_ID, PAYMENT_ID, TRANSACTION_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aCompletionOfAnotherAttemptIsANoOp() {
            fixture.given(OrderStage.PAYMENT_IN_PROGRESS.history)
                    .when(new CompletePaymentCommand(ORDER_ID, "pay-stale", TRANSACTION_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = OrderStage.class, names = {"PENDING", "RESERVED", "CONFIRMED", "CANCELED", "FAILED"})
        void aCompletionWithoutAPaymentInProgressIsANoOp(OrderStage stage) {
            fixture.given(stage.history)
                    .when(new CompletePaymentCommand(ORDER_ID, PAYMENT_ID, TRANSACTION_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"declined", "gateway_timeout", "payment_abandoned"})
        void aFailedPaymentReleasesTheStockAndCancelsTheOrder(String reason) {
            fixture.given(OrderStage.PAYMENT_IN_PROGRESS.history)
                    .when(new FailPaymentCommand(ORDER_ID, PAYMENT_ID, reason))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new PaymentFailedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, reason),
                            new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, 2),
                            canceled(CancellationReason.PAYMENT_FAILED))
                    .expectState(order -> assertThat(order)
                            .hasFieldOrPropertyWithValue("status", OrderStatus.CANCELED));
        }

        @Test
        void theStreamOfAFailedPaymentReadsRequestedFailedReleasedCanceled() {
            fixture.given(placed(2), reserved(2))
                    .andGivenCommands(payByOwner())
                    .when(new FailPaymentCommand(ORDER_ID, PAYMENT_ID, "declined"))
                    .expectEvents(
                            new PaymentFailedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, "declined"),
                            new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, 2),
                            canceled(CancellationReason.PAYMENT_FAILED));
        }

        @Test
        void aFailureOfAnotherAttemptIsANoOp() {
            fixture.given(OrderStage.PAYMENT_IN_PROGRESS.history)
                    .when(new FailPaymentCommand(ORDER_ID, "pay-stale", "declined"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = OrderStage.class, names = {"RESERVED", "PAID", "CONFIRMED", "CANCELED"})
        void aFailureWithoutAPaymentInProgressIsANoOp(OrderStage stage) {
            fixture.given(stage.history)
                    .when(new FailPaymentCommand(ORDER_ID, PAYMENT_ID, "declined"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aRepeatedFailureIsANoOp() {
            fixture.given(placed(2), reserved(2), paymentRequested(2),
                            new PaymentFailedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, "declined"),
                            new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, 2),
                            canceled(CancellationReason.PAYMENT_FAILED))
                    .when(new FailPaymentCommand(ORDER_ID, PAYMENT_ID, "declined"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Confirmation {

        @Test
        void confirmsAPaidOrder() {
            fixture.given(OrderStage.PAID.history)
                    .when(new ConfirmOrderCommand(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new OrderConfirmedEvent(ORDER_ID, DEAL_ID, 2))
                    .expectState(order -> assertThat(order)
                            .hasFieldOrPropertyWithValue("status", OrderStatus.CONFIRMED));
        }

        @Test
        void confirmingAgainIsANoOp() {
            fixture.given(OrderStage.CONFIRMED.history)
                    .when(new ConfirmOrderCommand(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = OrderStage.class, names = {"PENDING", "RESERVED", "PAYMENT_IN_PROGRESS", "CANCELED", "FAILED"})
        void anOrderThatIsNotPaidCannotBeConfirmed(OrderStage stage) {
            fixture.given(stage.history)
                    .when(new ConfirmOrderCommand(ORDER_ID))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.ORDER_NOT_RESERVED));
        }
    }

    @Test
    void survivesAJacksonSnapshot() {
        fixture.given(placed(3), reserved(3))
                .when(new RequestPaymentCommand(ORDER_ID, PAYMENT_ID, METHOD, OWNER_ID))
                .expectState(order -> {
                    assertThat(order)
                            .hasFieldOrPropertyWithValue("totalPrice", UNIT_PRICE * 3)
                            .hasFieldOrPropertyWithValue("paymentId", PAYMENT_ID)
                            .hasFieldOrPropertyWithValue("payment", Order.PaymentProgress.IN_PROGRESS);
                    assertSurvivesSnapshot(order);
                });
    }
}
