package com.bbossiregi.timedeal.command.order;

import static com.bbossiregi.timedeal.command.SnapshotRoundTrip.assertSurvivesSnapshot;

import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.FailOrderCommand;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.order.RecordStockReservationCommand;
import com.bbossiregi.timedeal.api.timedeal.ReleaseStockCommand;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import com.bbossiregi.timedeal.api.timedeal.ReserveStockCommand;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservationRejectedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;

class OrderSagaTest {

    private static final String ORDER_ID = "order-1";
    private static final long USER_ID = 11L;
    private static final long DEAL_ID = 7L;
    private static final String DEAL_AGGREGATE = StreamIds.timeDeal(DEAL_ID);
    private static final int QUANTITY = 2;

    private static final OrderPlacedEvent PLACED =
            new OrderPlacedEvent(ORDER_ID, USER_ID, DEAL_ID, QUANTITY, 29_900L, 59_800L);
    private static final StockReservedEvent STOCK_RESERVED = new StockReservedEvent(DEAL_ID, ORDER_ID, QUANTITY);
    private static final StockReservationRejectedEvent STOCK_REJECTED = new StockReservationRejectedEvent(
            DEAL_ID, ORDER_ID, QUANTITY, 1, ReservationRejection.INSUFFICIENT_STOCK);
    private static final OrderReservedEvent ORDER_RESERVED = new OrderReservedEvent(ORDER_ID, DEAL_ID, QUANTITY);
    private static final OrderCanceledEvent ORDER_CANCELED =
            new OrderCanceledEvent(ORDER_ID, DEAL_ID, CancellationReason.USER_REQUESTED);
    private static final StockReleasedEvent STOCK_RELEASED = new StockReleasedEvent(DEAL_ID, ORDER_ID, QUANTITY);

    private SagaTestFixture<OrderSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderSaga.class);
        fixture.registerCommandGateway(CommandGateway.class);
    }

    @Test
    void aPlacedOrderAsksItsDealForStock() {
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER_ID).publishes(PLACED)
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("orderId", ORDER_ID)
                .expectAssociationWith("timeDealId", String.valueOf(DEAL_ID))
                .expectDispatchedCommands(new ReserveStockCommand(DEAL_ID, ORDER_ID, QUANTITY));
    }

    @Nested
    class WhenTheDealHoldsStock {

        @Test
        void theOrderIsToldItIsReserved() {
            fixture.givenAggregate(ORDER_ID).published(PLACED)
                    .whenAggregate(DEAL_AGGREGATE).publishes(STOCK_RESERVED)
                    .expectSuccessfulHandlerExecution()
                    .expectActiveSagas(1)
                    .expectDispatchedCommands(new RecordStockReservationCommand(ORDER_ID, QUANTITY));
        }

        @Test
        void cancelingTheReservedOrderGivesTheStockBack() {
            fixture.givenAggregate(ORDER_ID).published(PLACED)
                    .andThenAggregate(DEAL_AGGREGATE).published(STOCK_RESERVED)
                    .andThenAggregate(ORDER_ID).published(
                            ORDER_RESERVED, new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, QUANTITY))
                    .whenAggregate(ORDER_ID).publishes(ORDER_CANCELED)
                    .expectSuccessfulHandlerExecution()
                    .expectActiveSagas(1)
                    .expectDispatchedCommands(new ReleaseStockCommand(DEAL_ID, ORDER_ID));
        }

        @Test
        void theSagaEndsOnceTheStockIsBack() {
            fixture.givenAggregate(ORDER_ID).published(PLACED)
                    .andThenAggregate(DEAL_AGGREGATE).published(STOCK_RESERVED)
                    .andThenAggregate(ORDER_ID).published(
                            ORDER_RESERVED, new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, QUANTITY), ORDER_CANCELED)
                    .whenAggregate(DEAL_AGGREGATE).publishes(STOCK_RELEASED)
                    .expectSuccessfulHandlerExecution()
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(0)
                    .expectNoAssociationWith("orderId", ORDER_ID);
        }
    }

    @Nested
    class WhenTheDealRefuses {

        @Test
        void theOrderFailsWithTheDealsReason() {
            fixture.givenAggregate(ORDER_ID).published(PLACED)
                    .whenAggregate(DEAL_AGGREGATE).publishes(STOCK_REJECTED)
                    .expectSuccessfulHandlerExecution()
                    .expectActiveSagas(1)
                    .expectDispatchedCommands(
                            new FailOrderCommand(ORDER_ID, ReservationRejection.INSUFFICIENT_STOCK, 1));
        }

        @Test
        void theSagaEndsWhenTheOrderHasFailed() {
            fixture.givenAggregate(ORDER_ID).published(PLACED)
                    .andThenAggregate(DEAL_AGGREGATE).published(STOCK_REJECTED)
                    .whenAggregate(ORDER_ID).publishes(new OrderFailedEvent(
                            ORDER_ID, DEAL_ID, ReservationRejection.INSUFFICIENT_STOCK, QUANTITY, 1))
                    .expectSuccessfulHandlerExecution()
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(0);
        }

        @Test
        void anOrderCanceledBeforeItCouldFailEndsTheSaga() {
            // The cancel won the race, so the FailOrderCommand was a no-op and no OrderFailedEvent will come.
            fixture.givenAggregate(ORDER_ID).published(PLACED)
                    .andThenAggregate(DEAL_AGGREGATE).published(STOCK_REJECTED)
                    .whenAggregate(ORDER_ID).publishes(ORDER_CANCELED)
                    .expectSuccessfulHandlerExecution()
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(0);
        }
    }

    @Nested
    class WhenTheOrderIsCanceledBeforeTheDealAnswers {

        @Test
        void theSagaWaitsForTheDealsAnswer() {
            fixture.givenAggregate(ORDER_ID).published(PLACED)
                    .whenAggregate(ORDER_ID).publishes(ORDER_CANCELED)
                    .expectSuccessfulHandlerExecution()
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }

        @Test
        void stockHeldAfterwardsIsGivenBackInsteadOfRecorded() {
            fixture.givenAggregate(ORDER_ID).published(PLACED, ORDER_CANCELED)
                    .whenAggregate(DEAL_AGGREGATE).publishes(STOCK_RESERVED)
                    .expectSuccessfulHandlerExecution()
                    .expectActiveSagas(1)
                    .expectDispatchedCommands(new ReleaseStockCommand(DEAL_ID, ORDER_ID));
        }

        @Test
        void theSagaEndsOnceThatStockIsBack() {
            fixture.givenAggregate(ORDER_ID).published(PLACED, ORDER_CANCELED)
                    .andThenAggregate(DEAL_AGGREGATE).published(STOCK_RESERVED)
                    .whenAggregate(DEAL_AGGREGATE).publishes(STOCK_RELEASED)
                    .expectSuccessfulHandlerExecution()
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(0);
        }

        @Test
        void aRefusalAfterwardsEndsTheSagaWithoutFailingTheOrder() {
            fixture.givenAggregate(ORDER_ID).published(PLACED, ORDER_CANCELED)
                    .whenAggregate(DEAL_AGGREGATE).publishes(STOCK_REJECTED)
                    .expectSuccessfulHandlerExecution()
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(0);
        }
    }

    @Test
    void theDealsEventsForOtherOrdersDoNotConcernThisSaga() {
        fixture.givenAggregate(ORDER_ID).published(PLACED)
                .whenAggregate(DEAL_AGGREGATE).publishes(new StockReservedEvent(DEAL_ID, "order-2", 1))
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void survivesTheJacksonSagaStore() {
        OrderSaga saga = new OrderSaga();
        ReflectionTestUtils.setField(saga, "orderId", ORDER_ID);
        ReflectionTestUtils.setField(saga, "timeDealId", DEAL_ID);
        ReflectionTestUtils.setField(saga, "quantity", QUANTITY);
        ReflectionTestUtils.setField(saga, "reservation", OrderSaga.ReservationOutcome.HELD);
        ReflectionTestUtils.setField(saga, "orderCanceled", true);
        assertSurvivesSnapshot(saga);
    }
}
