package com.bbossiregi.timedeal.command.ordersaga;

import static com.bbossiregi.timedeal.command.SnapshotRoundTrip.assertSurvivesSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.order.CancelOrderCommand;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.ConfirmOrderCommand;
import com.bbossiregi.timedeal.api.order.FailPaymentCommand;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderConfirmedEvent;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.order.PaymentCompletedEvent;
import com.bbossiregi.timedeal.api.order.PaymentFailedEvent;
import com.bbossiregi.timedeal.api.order.PaymentRequestedEvent;
import com.bbossiregi.timedeal.api.timedeal.ReleaseStockCommand;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.SellReservedStockCommand;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCanceledEvent;
import com.bbossiregi.timedeal.command.order.ReservationHold;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.test.util.ReflectionTestUtils;

class OrderSagaTest {

    private static final String ORDER_ID = "order-1";
    private static final long USER_ID = 11L;
    private static final long DEAL_ID = 7L;
    private static final String DEAL_AGGREGATE = StreamIds.timeDeal(DEAL_ID);
    private static final int QUANTITY = 2;

    private static final OrderPlacedEvent PLACED =
            new OrderPlacedEvent(ORDER_ID, USER_ID, DEAL_ID, QUANTITY, 29_900L, 59_800L);
    private static final OrderReservedEvent ORDER_RESERVED = new OrderReservedEvent(ORDER_ID, DEAL_ID, QUANTITY);
    private static final OrderCanceledEvent ORDER_CANCELED =
            new OrderCanceledEvent(ORDER_ID, DEAL_ID, CancellationReason.USER_REQUESTED);
    private static final StockReleasedEvent STOCK_RELEASED = new StockReleasedEvent(DEAL_ID, ORDER_ID, QUANTITY);

    private static final Duration HOLD = Duration.ofMinutes(10);
    private static final Duration PAYMENT_GRACE = Duration.ofSeconds(10);
    private static final String PAYMENT_ID = "pay-1";
    private static final Actor SHOPPER = Actor.user(USER_ID);
    private static final Actor ADMIN = Actor.admin(1L);
    private static final PaymentRequestedEvent PAYMENT_REQUESTED =
            new PaymentRequestedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, 59_800L, "card");
    private static final PaymentCompletedEvent PAYMENT_COMPLETED =
            new PaymentCompletedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, 59_800L, "tx-1");
    private static final ReservedStockSoldEvent STOCK_SOLD = new ReservedStockSoldEvent(DEAL_ID, ORDER_ID, QUANTITY);
    private static final OrderConfirmedEvent ORDER_CONFIRMED = new OrderConfirmedEvent(ORDER_ID, DEAL_ID, QUANTITY);
    private static final TimeDealCanceledEvent DEAL_CANCELED = new TimeDealCanceledEvent(DEAL_ID);

    private SagaTestFixture<OrderSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderSaga.class);
        fixture.registerCommandGateway(CommandGateway.class);
        fixture.registerResource(new ReservationHold(HOLD, PAYMENT_GRACE, Duration.ofSeconds(1)));
        // As in the application: the actor of the message being handled travels on to what it causes.
        CorrelationDataInterceptor<Message<?>> actorCorrelation = new CorrelationDataInterceptor<>(
                List.of(new SimpleCorrelationDataProvider(Actor.ID_KEY, Actor.TYPE_KEY)));
        fixture.registerEventHandlerInterceptor(actorCorrelation);
        fixture.registerDeadlineHandlerInterceptor(actorCorrelation);
    }

    /** The reservation as the order records it for the shopper who placed it. */
    private static Object orderReservedForShopper() {
        return GenericEventMessage.asEventMessage(ORDER_RESERVED).andMetaData(SHOPPER.toMetaData());
    }

    @Test
    void aReservedOrderStartsNoSaga() {
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER_ID).publishes(orderReservedForShopper())
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aPlacedOrderOrAFailedOneStartsNoSaga() {
        fixture.givenAggregate(ORDER_ID).published(PLACED)
                .whenAggregate(ORDER_ID).publishes(new OrderFailedEvent(
                        ORDER_ID, DEAL_ID, ReservationRejection.INSUFFICIENT_STOCK, QUANTITY, 1, null, null))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void anUnpaidOrderCanceledHasNoSagaToRepeatTheRelease() {
        // Its deal gives the stock back at the latest when the hold ends (TimeDealTest).
        fixture.givenAggregate(ORDER_ID).published(ORDER_RESERVED, new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, QUANTITY))
                .whenAggregate(ORDER_ID).publishes(ORDER_CANCELED)
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    /**
     * A saga started on the reservation before ADR 0019 keeps its hold and its deal's association; no fixture can start
     * one any more, so these call its handlers on a saga as the store would load it.
     */
    @Nested
    class StartedBeforeTheDealKeptTheHolds {

        private final CommandGateway commands = mock(CommandGateway.class);
        private final DeadlineManager deadlines = mock(DeadlineManager.class);
        private final ReservationHold hold = new ReservationHold(HOLD, PAYMENT_GRACE, Duration.ofSeconds(1));


        private CommandMessage<?> sent() {
            ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
            verify(commands).sendAndWait(sent.capture());
            return GenericCommandMessage.asCommandMessage(sent.getValue());
        }

        @Test
        void theHoldRunningOutCancelsTheUnpaidOrderAsTheSystem() {
            stored(OrderSaga.PaymentProgress.NONE, false).onReservationHoldRunOut(commands, deadlines, hold);
            CommandMessage<?> cancel = sent();
            assertThat(cancel.getPayload())
                    .isEqualTo(new CancelOrderCommand(ORDER_ID, CancellationReason.RESERVATION_EXPIRED, null));
            assertThat(cancel.getMetaData()).containsAllEntriesOf(Actor.SYSTEM.toMetaData());
        }

        @Test
        void thenAPaymentInProgressGetsItsGraceAndIsAbandonedAfterIt() {
            when(deadlines.schedule(PAYMENT_GRACE, OrderSaga.PAYMENT_GRACE)).thenReturn("grace-1");
            OrderSaga saga = stored(OrderSaga.PaymentProgress.IN_PROGRESS, false);
            saga.onReservationHoldRunOut(commands, deadlines, hold);
            verify(deadlines).schedule(PAYMENT_GRACE, OrderSaga.PAYMENT_GRACE);
            verifyNoInteractions(commands);

            saga.onPaymentGraceRunOut(commands);
            assertThat(sent().getPayload()).isEqualTo(new FailPaymentCommand(ORDER_ID, PAYMENT_ID, "payment_abandoned"));
        }

        @Test
        void aPaidOrCanceledOrderIsLeftAlone() {
            stored(OrderSaga.PaymentProgress.COMPLETED, false).onReservationHoldRunOut(commands, deadlines, hold);
            stored(OrderSaga.PaymentProgress.NONE, true).onReservationHoldRunOut(commands, deadlines, hold);
            verifyNoInteractions(commands, deadlines);
        }

        @Test
        void itsDealsCancelCancelsTheUnpaidOrderOnly() {
            stored(OrderSaga.PaymentProgress.NONE, false).on(DEAL_CANCELED, commands);
            assertThat(sent().getPayload())
                    .isEqualTo(new CancelOrderCommand(ORDER_ID, CancellationReason.DEAL_CANCELED, null));
            stored(OrderSaga.PaymentProgress.IN_PROGRESS, false).on(DEAL_CANCELED, commands);
            stored(OrderSaga.PaymentProgress.NONE, true).on(DEAL_CANCELED, commands);
            verifyNoMoreInteractions(commands);
        }

        @Test
        void itsCancelDeletesItsHold() {
            stored(OrderSaga.PaymentProgress.NONE, false).on(ORDER_CANCELED, commands, deadlines);
            verify(deadlines).cancelSchedule(OrderSaga.RESERVATION_HOLD, "hold-1");
            verify(commands).sendAndWait(new ReleaseStockCommand(DEAL_ID, ORDER_ID));
        }
    }

    @Nested
    class Payment {

        @Test
        void aPaymentRequestStartsTheSagaWhichWaitsForTheProvider() {
            fixture.givenAggregate(ORDER_ID).published(ORDER_RESERVED)
                    .whenAggregate(ORDER_ID).publishes(PAYMENT_REQUESTED)
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1)
                    .expectAssociationWith("orderId", ORDER_ID)
                    .expectNoAssociationWith("timeDealId", String.valueOf(DEAL_ID))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void aCompletedPaymentSellsTheHeldStock() {
            fixture.givenAggregate(ORDER_ID).published(ORDER_RESERVED, PAYMENT_REQUESTED)
                    .whenAggregate(ORDER_ID).publishes(PAYMENT_COMPLETED)
                    .expectSuccessfulHandlerExecution()
                    .expectDispatchedCommands(new SellReservedStockCommand(DEAL_ID, ORDER_ID))
                    .expectActiveSagas(1);
        }

        @Test
        void theSoldStockConfirmsTheOrder() {
            fixture.givenAggregate(ORDER_ID).published(ORDER_RESERVED, PAYMENT_REQUESTED, PAYMENT_COMPLETED)
                    .whenAggregate(DEAL_AGGREGATE).publishes(STOCK_SOLD)
                    .expectSuccessfulHandlerExecution()
                    .expectDispatchedCommands(new ConfirmOrderCommand(ORDER_ID))
                    .expectActiveSagas(1);
        }

        @Test
        void theConfirmedOrderEndsTheSagaAndItsHold() {
            fixture.givenAggregate(ORDER_ID).published(ORDER_RESERVED, PAYMENT_REQUESTED, PAYMENT_COMPLETED)
                    .andThenAggregate(DEAL_AGGREGATE).published(STOCK_SOLD)
                    .whenAggregate(ORDER_ID).publishes(ORDER_CONFIRMED)
                    .expectSuccessfulHandlerExecution()
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(0)
                    .expectNoAssociationWith("orderId", ORDER_ID);
        }

        @Test
        void aFailedPaymentAloneSendsNothing() {
            fixture.givenAggregate(ORDER_ID).published(ORDER_RESERVED, PAYMENT_REQUESTED)
                    .whenAggregate(ORDER_ID).publishes(
                            new PaymentFailedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, "declined"))
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"declined", "gateway_timeout"})
        void aFailedPaymentGivesTheStockBack(String reason) {
            fixture.givenAggregate(ORDER_ID).published(ORDER_RESERVED,
                            PAYMENT_REQUESTED,
                            new PaymentFailedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, reason),
                            new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, QUANTITY))
                    .whenAggregate(ORDER_ID).publishes(
                            new OrderCanceledEvent(ORDER_ID, DEAL_ID, CancellationReason.PAYMENT_FAILED))
                    .expectSuccessfulHandlerExecution()
                    .expectDispatchedCommands(new ReleaseStockCommand(DEAL_ID, ORDER_ID))
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(1);
        }

        @Test
        void theSagaEndsOnceTheStockOfAFailedPaymentIsBack() {
            fixture.givenAggregate(ORDER_ID).published(ORDER_RESERVED,
                            PAYMENT_REQUESTED,
                            new PaymentFailedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, "gateway_timeout"),
                            new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, QUANTITY),
                            new OrderCanceledEvent(ORDER_ID, DEAL_ID, CancellationReason.PAYMENT_FAILED))
                    .whenAggregate(DEAL_AGGREGATE).publishes(STOCK_RELEASED)
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(0);
        }
    }

    @Nested
    class WhenTheDealIsCanceled {

        private static Object canceledByAdmin() {
            return GenericEventMessage.asEventMessage(DEAL_CANCELED).andMetaData(ADMIN.toMetaData());
        }

        @Test
        void anOrderBeingPaidIsLeftToItsPayment() {
            fixture.givenAggregate(ORDER_ID).published(ORDER_RESERVED, PAYMENT_REQUESTED)
                    .whenAggregate(DEAL_AGGREGATE).publishes(canceledByAdmin())
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }

        @Test
        void aPaidOrderIsStillSoldAndConfirmed() {
            fixture.givenAggregate(ORDER_ID).published(ORDER_RESERVED, PAYMENT_REQUESTED, PAYMENT_COMPLETED)
                    .whenAggregate(DEAL_AGGREGATE).publishes(canceledByAdmin())
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }

        @Test
        void aConfirmedOrdersSagaIsGoneAndSendsNothing() {
            fixture.givenAggregate(ORDER_ID).published(ORDER_RESERVED, PAYMENT_REQUESTED, PAYMENT_COMPLETED)
                    .andThenAggregate(DEAL_AGGREGATE).published(STOCK_SOLD)
                    .andThenAggregate(ORDER_ID).published(ORDER_CONFIRMED)
                    .whenAggregate(DEAL_AGGREGATE).publishes(canceledByAdmin())
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(0);
        }
    }

    @Test
    void theDealsEventsForOtherOrdersDoNotConcernThisSaga() {
        fixture.givenAggregate(ORDER_ID).published(ORDER_RESERVED, PAYMENT_REQUESTED)
                .whenAggregate(DEAL_AGGREGATE).publishes(new StockReservedEvent(DEAL_ID, "order-2", 1, USER_ID + 1))
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void survivesTheJacksonSagaStore() {
        assertSurvivesSnapshot(stored(OrderSaga.PaymentProgress.IN_PROGRESS, true));
    }

    /** A saga as the store would load it: one started on the reservation before ADR 0019, with its hold pending. */
    private static OrderSaga stored(OrderSaga.PaymentProgress payment, boolean canceled) {
        OrderSaga saga = new OrderSaga();
        ReflectionTestUtils.setField(saga, "orderId", ORDER_ID);
        ReflectionTestUtils.setField(saga, "timeDealId", DEAL_ID);
        ReflectionTestUtils.setField(saga, "quantity", QUANTITY);
        ReflectionTestUtils.setField(saga, "reservation", OrderSaga.ReservationOutcome.HELD);
        ReflectionTestUtils.setField(saga, "orderCanceled", canceled);
        ReflectionTestUtils.setField(saga, "payment", payment);
        ReflectionTestUtils.setField(saga, "paymentId", payment == OrderSaga.PaymentProgress.NONE ? null : PAYMENT_ID);
        ReflectionTestUtils.setField(saga, "holdDeadline", "hold-1");
        return saga;
    }
}
