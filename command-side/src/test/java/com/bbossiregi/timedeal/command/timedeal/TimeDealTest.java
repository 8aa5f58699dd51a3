package com.bbossiregi.timedeal.command.timedeal;

import static com.bbossiregi.timedeal.command.DomainExceptionMatcher.domainError;
import static com.bbossiregi.timedeal.command.SnapshotRoundTrip.assertSurvivesSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.PlaceOrderCommand;
import com.bbossiregi.timedeal.api.order.PlaceOrdersCommand;
import com.bbossiregi.timedeal.api.order.PlacedOrders;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.timedeal.CancelTimeDealCommand;
import com.bbossiregi.timedeal.api.timedeal.ChangeTimeDealCommand;
import com.bbossiregi.timedeal.api.timedeal.RecordProductStatusCommand;
import com.bbossiregi.timedeal.api.timedeal.TimeDealChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealProductStatusChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.CreateTimeDealCommand;
import com.bbossiregi.timedeal.api.timedeal.ReleaseStockCommand;
import com.bbossiregi.timedeal.api.timedeal.ReservationHoldsEndedEvent;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.SellReservedStockCommand;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCanceledEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealEndedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealReactivatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealSoldOutEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStartedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import com.bbossiregi.timedeal.command.order.OrderHolds;
import com.bbossiregi.timedeal.command.order.ReservationHold;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowingConsumer;
import org.assertj.core.util.introspection.PropertyOrFieldSupport;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeDealTest {

    private static final long DEAL_ID = 7L;
    private static final long SHOPPER = 11L;
    private static final long PRODUCT_ID = 3L;
    private static final long ORIGINAL_PRICE = 45_000L;
    private static final long DEAL_PRICE = 29_900L;
    private static final int DISCOUNT_RATE = 34;
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(1));
    private static final Instant BEFORE_START = START.minusSeconds(1);
    private static final Instant DURING = START.plus(Duration.ofMinutes(10));

    private static final Duration HOLD = Duration.ofMinutes(10);
    private static final Duration PAYMENT_GRACE = Duration.ofSeconds(20);
    private static final Duration CHECK_SPACING = Duration.ofSeconds(1);

    private FixtureConfiguration<TimeDeal> fixture;
    /** The orders' side of ending holds: what each order answers, and the orders asked in turn. */
    private final Map<String, Boolean> givesStockBack = new HashMap<>();
    private final List<String> endedHolds = new ArrayList<>();
    private final List<CancellationReason> endReasons = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TimeDeal.class);
        fixture.registerInjectableResource(new ReservationHold(HOLD, PAYMENT_GRACE, CHECK_SPACING));
        OrderHolds orders = (orderId, reason, by, deadlineManager, paymentGrace) -> {
            endedHolds.add(orderId);
            endReasons.add(reason);
            return givesStockBack.getOrDefault(orderId, true);
        };
        fixture.registerInjectableResource(orders);
        // The fixture sets the message clock for commands only; deadlines then read the fixture's time too.
        GenericEventMessage.clock = new FixtureClock((AggregateTestFixture<?>) fixture);
    }

    @AfterEach
    void systemClock() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    private static CreateTimeDealCommand createCommand(long originalPrice, long dealPrice, int stock, Instant startAt, Instant endAt) {
        return new CreateTimeDealCommand(DEAL_ID, PRODUCT_ID, originalPrice, dealPrice, stock, startAt, endAt, null);
    }

    private static TimeDealCreatedEvent created(int stock, TimeDealStatus status) {
        return created(stock, status, null);
    }

    private static TimeDealCreatedEvent created(int stock, TimeDealStatus status, Integer maxPerShopper) {
        return new TimeDealCreatedEvent(
                DEAL_ID, PRODUCT_ID, ORIGINAL_PRICE, DEAL_PRICE, DISCOUNT_RATE, stock, START, END, status, maxPerShopper);
    }

    private static PlaceOrderCommand place(String orderId, int quantity) {
        return new PlaceOrderCommand(DEAL_ID, orderId, SHOPPER, quantity);
    }

    /** A reservation made at {@link #DURING}, as the deal records it with its hold's end. */
    private static StockReservedEvent reserved(String orderId, int quantity) {
        return reservedAt(DURING, orderId, quantity);
    }

    private static StockReservedEvent reservedAt(Instant at, String orderId, int quantity) {
        return new StockReservedEvent(DEAL_ID, orderId, quantity, SHOPPER, at.plus(HOLD));
    }

    /** The order's own first events when the deal held its stock. */
    private static Object[] opened(String orderId, int quantity) {
        return new Object[]{
                new OrderPlacedEvent(orderId, SHOPPER, DEAL_ID, quantity, DEAL_PRICE, DEAL_PRICE * quantity),
                new OrderReservedEvent(orderId, DEAL_ID, quantity)};
    }

    /** The order's own first events when the deal refused it. */
    private static Object[] refused(String orderId, int quantity, int available, ReservationRejection reason) {
        return new Object[]{
                new OrderPlacedEvent(orderId, SHOPPER, DEAL_ID, quantity, DEAL_PRICE, DEAL_PRICE * quantity),
                new OrderFailedEvent(orderId, DEAL_ID, reason, quantity, available, null, null)};
    }

    /** The events one command appends, in order: single events and the order's groups of events. */
    private static Object[] events(Object... eventsAndGroups) {
        List<Object> all = new ArrayList<>();
        for (Object item : eventsAndGroups) {
            if (item instanceof Object[] group) {
                all.addAll(List.of(group));
            } else {
                all.add(item);
            }
        }
        return all.toArray();
    }

    private static TimeDealCreatedEvent activeDeal(int stock) {
        return created(stock, TimeDealStatus.ACTIVE);
    }

    private static List<Map<String, String>> violations(String... fieldsAndMessages) {
        List<Map<String, String>> violations = new ArrayList<>();
        for (int i = 0; i < fieldsAndMessages.length; i += 2) {
            violations.add(Map.of("field", fieldsAndMessages[i], "message", fieldsAndMessages[i + 1]));
        }
        return violations;
    }

    @Nested
    class Creation {

        @Test
        void isActiveWhenCreatedAtItsStart() {
            fixture.givenCurrentTime(START)
                    .when(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(created(100, TimeDealStatus.ACTIVE));
        }

        @Test
        void isActiveWhenCreatedAfterItsStart() {
            fixture.givenCurrentTime(DURING)
                    .when(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    .expectEvents(created(100, TimeDealStatus.ACTIVE));
        }

        @Test
        void isScheduledWhenCreatedBeforeItsStart() {
            fixture.givenCurrentTime(BEFORE_START)
                    .when(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    .expectEvents(created(100, TimeDealStatus.SCHEDULED));
        }

        // The request's shape (prices, stock, start before end) is checked at the HTTP edge: DealRulesTest, EdgeIT.

        @Test
        void rejectsADealThatIsAlreadyOver() {
            fixture.givenCurrentTime(END)
                    .when(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.VALIDATION_ERROR,
                            violations("end_at", "must be in the future")));
        }

        @Test
        void carriesTheRoundedDiscountRate() {
            fixture.givenCurrentTime(DURING)
                    .when(createCommand(200, 1, 5, START, END))
                    .expectEvents(new TimeDealCreatedEvent(
                            DEAL_ID, PRODUCT_ID, 200, 1, 100, 5, START, END, TimeDealStatus.ACTIVE, null));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "45000, 29900, 34",
            "89000, 59900, 33",
            "25000, 15900, 36",
            "200, 1, 100",
            "200, 101, 50",
            "200, 199, 1",
            "10000, 9999, 0",
            "3, 2, 33",
            "3, 1, 67"
    })
    void discountRateRoundsHalfUp(long originalPrice, long dealPrice, int expectedRate) {
        assertThat(TimeDeal.discountRate(originalPrice, dealPrice)).isEqualTo(expectedRate);
    }

    @Nested
    class Reservation {

        @Test
        void reservesStockOfAnActiveDeal() {
            fixture.given(activeDeal(10))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-1", 3))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(events(reserved("order-1", 3), opened("order-1", 3)))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("reservedQuantity", 3)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.ACTIVE));
        }

        @Test
        void soldOutFollowsTheReservationThatTakesTheLastUnit() {
            fixture.given(activeDeal(5), reserved("order-1", 2))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-2", 3))
                    .expectEvents(events(
                            reserved("order-2", 3),
                            new TimeDealSoldOutEvent(DEAL_ID),
                            opened("order-2", 3)))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.SOLDOUT));
        }

        @Test
        void refusesMoreThanIsAvailableAndSaysHowMuchIs() {
            fixture.given(activeDeal(5), reserved("order-1", 4))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-2", 2))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(refused("order-2", 2, 1, ReservationRejection.INSUFFICIENT_STOCK))
                    .expectState(deal -> assertThat(deal).hasFieldOrPropertyWithValue("reservedQuantity", 4));
        }

        @Test
        void aSoldOutDealRefusesForInsufficientStockNotForBeingInactive() {
            fixture.given(activeDeal(2),
                            reserved("order-1", 2),
                            new TimeDealSoldOutEvent(DEAL_ID))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-2", 1))
                    .expectEvents(refused("order-2", 1, 0, ReservationRejection.INSUFFICIENT_STOCK));
        }

        @Test
        void refusesBeforeTheStart() {
            fixture.given(created(10, TimeDealStatus.SCHEDULED))
                    .andGivenCurrentTime(BEFORE_START)
                    .when(place("order-1", 1))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(refused("order-1", 1, 10, ReservationRejection.DEAL_NOT_ACTIVE))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.SCHEDULED));
        }

        @Test
        void startsAScheduledDealWhoseStartHasPassedBeforeReserving() {
            fixture.given(created(10, TimeDealStatus.SCHEDULED))
                    .andGivenCurrentTime(START)
                    .when(place("order-1", 2))
                    .expectEvents(events(
                            new TimeDealStartedEvent(DEAL_ID),
                            reservedAt(START, "order-1", 2),
                            opened("order-1", 2)))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.ACTIVE));
        }

        @Test
        void aLazilyStartedDealCanSellOutInTheSameCommand() {
            fixture.given(created(2, TimeDealStatus.SCHEDULED))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-1", 2))
                    .expectEvents(events(
                            new TimeDealStartedEvent(DEAL_ID),
                            reserved("order-1", 2),
                            new TimeDealSoldOutEvent(DEAL_ID),
                            opened("order-1", 2)));
        }

        @Test
        void endsADealWhoseEndHasPassedAndRefuses() {
            fixture.given(activeDeal(10))
                    .andGivenCurrentTime(END)
                    .when(place("order-1", 1))
                    .expectEvents(events(
                            new TimeDealEndedEvent(DEAL_ID),
                            refused("order-1", 1, 10, ReservationRejection.DEAL_NOT_ACTIVE)))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.ENDED));
        }

        @Test
        void endsASoldOutDealWhoseEndHasPassed() {
            fixture.given(activeDeal(1),
                            reserved("order-1", 1),
                            new TimeDealSoldOutEvent(DEAL_ID))
                    .andGivenCurrentTime(END.plusSeconds(5))
                    .when(place("order-2", 1))
                    .expectEvents(events(
                            new TimeDealEndedEvent(DEAL_ID),
                            refused("order-2", 1, 0, ReservationRejection.DEAL_NOT_ACTIVE)));
        }

        @Test
        void endsAScheduledDealThatWasNeverOrderedWithoutStartingIt() {
            fixture.given(created(10, TimeDealStatus.SCHEDULED))
                    .andGivenCurrentTime(END.plusSeconds(1))
                    .when(place("order-1", 1))
                    .expectEvents(events(
                            new TimeDealEndedEvent(DEAL_ID),
                            refused("order-1", 1, 10, ReservationRejection.DEAL_NOT_ACTIVE)));
        }

        @Test
        void anEndedDealOnlyRefuses() {
            fixture.given(activeDeal(10), new TimeDealEndedEvent(DEAL_ID))
                    .andGivenCurrentTime(END.plusSeconds(30))
                    .when(place("order-1", 1))
                    .expectEvents(refused("order-1", 1, 10, ReservationRejection.DEAL_NOT_ACTIVE));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1})
        void throwsForANonPositiveQuantity(int quantity) {
            fixture.given(activeDeal(10))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-1", quantity))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.INVALID_QUANTITY,
                            Map.of("min", 1, "requested", quantity)));
        }

        @Test
        void aRepeatedReservationOfTheSameOrderTakesNothingMore() {
            fixture.given(activeDeal(10), reserved("order-1", 2))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-1", 2))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(deal -> assertThat(deal).hasFieldOrPropertyWithValue("reservedQuantity", 2));
        }

        @Test
        void aRepeatedReservationOfAnOrderHoldingTheLastUnitsIsNotRefused() {
            fixture.given(activeDeal(2),
                            reserved("order-1", 2),
                            new TimeDealSoldOutEvent(DEAL_ID))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-1", 2))
                    .expectNoEvents();
        }
    }

    @Nested
    class GroupCommit {

        private PlaceOrdersCommand.Order byShopper(String orderId, int quantity) {
            return new PlaceOrdersCommand.Order(place(orderId, quantity), Actor.user(SHOPPER).toMetaData());
        }

        @Test
        void decidesEachOrderInTurnAsIfSentAloneAndAnswersEachInTheCommandsOrder() {
            fixture.given(activeDeal(5))
                    .andGivenCurrentTime(DURING)
                    .when(new PlaceOrdersCommand(DEAL_ID, List.of(
                            byShopper("order-1", 2), byShopper("order-2", 3), byShopper("order-3", 1))))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(events(
                            reserved("order-1", 2), opened("order-1", 2),
                            reserved("order-2", 3), new TimeDealSoldOutEvent(DEAL_ID), opened("order-2", 3),
                            refused("order-3", 1, 0, ReservationRejection.INSUFFICIENT_STOCK)))
                    .expectResultMessagePayloadMatching(matches((PlacedOrders placed) ->
                            placed.placements().stream().map(p -> p.order().status()).toList()
                                    .equals(List.of(OrderStatus.RESERVED, OrderStatus.RESERVED, OrderStatus.FAILED))
                                    && placed.placements().get(2).rejection().reason()
                                    == ReservationRejection.INSUFFICIENT_STOCK))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("reservedQuantity", 5)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.SOLDOUT));
        }

        @Test
        void eachOrdersEventsRecordItsOwnRequestNotTheBatchs() {
            fixture.given(activeDeal(5))
                    .andGivenCurrentTime(DURING)
                    .when(new PlaceOrdersCommand(DEAL_ID, List.of(
                            new PlaceOrdersCommand.Order(new PlaceOrderCommand(DEAL_ID, "order-1", 41, 1),
                                    Map.of(Actor.ID_KEY, "41", Actor.TYPE_KEY, "USER", "traceparent", "trace-41")),
                            new PlaceOrdersCommand.Order(new PlaceOrderCommand(DEAL_ID, "order-2", 42, 1),
                                    Map.of(Actor.ID_KEY, "42", Actor.TYPE_KEY, "USER", "traceparent", "trace-42")))),
                            Map.of("traceparent", "trace-of-the-batch"))
                    .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                            ofRequest(StockReservedEvent.class, 41), ofRequest(OrderPlacedEvent.class, 41),
                            ofRequest(OrderReservedEvent.class, 41),
                            ofRequest(StockReservedEvent.class, 42), ofRequest(OrderPlacedEvent.class, 42),
                            ofRequest(OrderReservedEvent.class, 42),
                            org.axonframework.test.matchers.Matchers.andNoMore()));
        }

        private static org.hamcrest.Matcher<org.axonframework.eventhandling.EventMessage<?>> ofRequest(
                Class<?> eventType, long shopper) {
            return new org.hamcrest.CustomTypeSafeMatcher<>(
                    eventType.getSimpleName() + " by user " + shopper + " in trace-" + shopper) {
                @Override
                protected boolean matchesSafely(org.axonframework.eventhandling.EventMessage<?> event) {
                    return eventType.isInstance(event.getPayload())
                            && Actor.fromMetaData(event.getMetaData()).equals(Actor.user(shopper))
                            && ("trace-" + shopper).equals(event.getMetaData().get("traceparent"));
                }
            };
        }

        @Test
        void anOrderIdNamedTwiceIsOpenedOnceAndTheRepeatAnsweredAsAlreadyPlaced() {
            fixture.given(activeDeal(5))
                    .andGivenCurrentTime(DURING)
                    .when(new PlaceOrdersCommand(DEAL_ID, List.of(byShopper("order-1", 9), byShopper("order-1", 9))))
                    .expectEvents(refused("order-1", 9, 5, ReservationRejection.INSUFFICIENT_STOCK))
                    .expectResultMessagePayloadMatching(matches((PlacedOrders placed) ->
                            placed.placements().get(0).order().status() == OrderStatus.FAILED
                                    && placed.placements().get(1).isAlreadyPlaced()));
        }

        @Test
        void anOrderForAnotherDealFailsTheWholeBatchAndStoresNothing() {
            fixture.given(activeDeal(5))
                    .andGivenCurrentTime(DURING)
                    .when(new PlaceOrdersCommand(DEAL_ID, List.of(byShopper("order-1", 1),
                            new PlaceOrdersCommand.Order(new PlaceOrderCommand(DEAL_ID + 1, "order-2", SHOPPER, 1),
                                    Map.of()))))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class PerShopperLimit {

        private static final long OTHER_SHOPPER = 12L;

        private StockReservedEvent reservedFor(long shopper, String orderId, int quantity) {
            return new StockReservedEvent(DEAL_ID, orderId, quantity, shopper);
        }

        @Test
        void refusesAnOrderThatTakesTheShopperPastTheLimitAndSaysWhy() {
            fixture.given(created(10, TimeDealStatus.ACTIVE, 3), reserved("order-1", 2))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-2", 2))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new OrderPlacedEvent("order-2", SHOPPER, DEAL_ID, 2, DEAL_PRICE, DEAL_PRICE * 2),
                            new OrderFailedEvent("order-2", DEAL_ID, ReservationRejection.PURCHASE_LIMIT_EXCEEDED,
                                    2, 8, 3, 2))
                    .expectState(deal -> assertThat(deal).hasFieldOrPropertyWithValue("reservedQuantity", 2));
        }

        @Test
        void takesAnOrderUpToTheLimit() {
            fixture.given(created(10, TimeDealStatus.ACTIVE, 3), reserved("order-1", 2))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-2", 1))
                    .expectEvents(events(reserved("order-2", 1), opened("order-2", 1)));
        }

        @Test
        void limitsEachShopperOnTheirOwn() {
            fixture.given(created(10, TimeDealStatus.ACTIVE, 3), reservedFor(OTHER_SHOPPER, "order-1", 3))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-2", 3))
                    .expectEvents(events(reserved("order-2", 3), opened("order-2", 3)));
        }

        @Test
        void aReleaseGivesTheAllowanceBack() {
            fixture.given(created(10, TimeDealStatus.ACTIVE, 3), reserved("order-1", 3),
                            new StockReleasedEvent(DEAL_ID, "order-1", 3))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-2", 3))
                    .expectEvents(events(reserved("order-2", 3), opened("order-2", 3)))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("heldByShopper", Map.of(SHOPPER, 3)));
        }

        @Test
        void soldUnitsStillCount() {
            fixture.given(created(10, TimeDealStatus.ACTIVE, 3), reserved("order-1", 3),
                            new ReservedStockSoldEvent(DEAL_ID, "order-1", 3))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-2", 1))
                    .expectEvents(
                            new OrderPlacedEvent("order-2", SHOPPER, DEAL_ID, 1, DEAL_PRICE, DEAL_PRICE),
                            new OrderFailedEvent("order-2", DEAL_ID, ReservationRejection.PURCHASE_LIMIT_EXCEEDED,
                                    1, 7, 3, 3));
        }

        @Test
        void aDealWithoutALimitTakesAnyNumberOfOrdersOfOneShopper() {
            fixture.given(activeDeal(10), reserved("order-1", 5))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-2", 5))
                    .expectEvents(events(reserved("order-2", 5), new TimeDealSoldOutEvent(DEAL_ID), opened("order-2", 5)));
        }

        @Test
        void survivesAJacksonSnapshot() {
            fixture.given(created(10, TimeDealStatus.ACTIVE, 4), reserved("order-1", 2),
                            reservedFor(OTHER_SHOPPER, "order-2", 1), new ReservedStockSoldEvent(DEAL_ID, "order-1", 2))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-3", 1))
                    .expectState(deal -> {
                        assertThat(deal).hasFieldOrPropertyWithValue("heldByShopper", Map.of(SHOPPER, 3, OTHER_SHOPPER, 1));
                        assertSurvivesSnapshot(deal);
                    });
        }
    }

    @Nested
    class Changes {

        private ChangeTimeDealCommand change(Long dealPrice, Integer stock, Instant startAt, Instant endAt) {
            return new ChangeTimeDealCommand(DEAL_ID, null, dealPrice, stock, startAt, endAt, null);
        }

        @Test
        void aScheduledDealTakesNewTermsAndMovesItsDeadlines() {
            Instant newStart = START.plus(Duration.ofHours(2));
            Instant newEnd = newStart.plus(Duration.ofHours(1));
            fixture.givenCurrentTime(BEFORE_START)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    .when(change(22_500L, 50, newStart, newEnd))
                    .expectEvents(new TimeDealChangedEvent(DEAL_ID, ORIGINAL_PRICE, 22_500L, 50, 50, newStart, newEnd,
                            null))
                    .expectScheduledDeadlineWithName(newStart, TimeDeal.DEAL_START)
                    .expectScheduledDeadlineWithName(newEnd, TimeDeal.DEAL_END)
                    .expectNoScheduledDeadlineWithName(START, TimeDeal.DEAL_START)
                    .expectNoScheduledDeadlineWithName(END, TimeDeal.DEAL_END);
        }

        @Test
        void aDealThatStartedKeepsItsTerms() {
            fixture.given(activeDeal(10))
                    .andGivenCurrentTime(DURING)
                    .when(change(20_000L, null, null, null))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.DEAL_ALREADY_STARTED));
        }

        @Test
        void aDealWhoseStartHasPassedHasStarted() {
            fixture.given(created(10, TimeDealStatus.SCHEDULED))
                    .andGivenCurrentTime(DURING)
                    .when(change(20_000L, null, null, null))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.DEAL_ALREADY_STARTED));
        }

        @Test
        void theNewTermsAreCheckedTogether() {
            fixture.given(created(10, TimeDealStatus.SCHEDULED))
                    .andGivenCurrentTime(BEFORE_START)
                    .when(new ChangeTimeDealCommand(DEAL_ID, 20_000L, null, null, null, START.minusSeconds(60), null))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.VALIDATION_ERROR, violations(
                            "deal_price", "must be less than original_price",
                            "end_at", "must be after start_at")));
        }

        @Test
        void aStartMovedIntoThePastIsRefused() {
            fixture.given(created(10, TimeDealStatus.SCHEDULED))
                    .andGivenCurrentTime(BEFORE_START)
                    .when(change(null, null, BEFORE_START.minusSeconds(1), null))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.VALIDATION_ERROR, violations(
                            "start_at", "must be in the future: a change keeps the deal scheduled")));
        }
    }

    @Nested
    class ProductStatus {

        @Test
        void aScheduledDealOfAnInactiveProductDoesNotStart() {
            fixture.givenCurrentTime(BEFORE_START)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 10, START, END),
                            new RecordProductStatusCommand(DEAL_ID, com.bbossiregi.timedeal.api.product.ProductStatus.INACTIVE))
                    .whenTimeElapses(Duration.ofSeconds(1))
                    .expectTriggeredDeadlinesWithName(TimeDeal.DEAL_START)
                    .expectNoEvents();
        }

        @Test
        void itRefusesOrdersWhileItsProductIsInactive() {
            fixture.given(created(10, TimeDealStatus.SCHEDULED),
                            new TimeDealProductStatusChangedEvent(DEAL_ID,
                                    com.bbossiregi.timedeal.api.product.ProductStatus.INACTIVE))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-1", 1))
                    .expectEvents(refused("order-1", 1, 10, ReservationRejection.DEAL_NOT_ACTIVE));
        }

        @Test
        void itStartsOnceItsProductIsActiveAgainWithinItsWindow() {
            fixture.given(created(10, TimeDealStatus.SCHEDULED),
                            new TimeDealProductStatusChangedEvent(DEAL_ID,
                                    com.bbossiregi.timedeal.api.product.ProductStatus.INACTIVE))
                    .andGivenCurrentTime(DURING)
                    .when(new RecordProductStatusCommand(DEAL_ID, com.bbossiregi.timedeal.api.product.ProductStatus.ACTIVE))
                    .expectEvents(
                            new TimeDealProductStatusChangedEvent(DEAL_ID,
                                    com.bbossiregi.timedeal.api.product.ProductStatus.ACTIVE),
                            new TimeDealStartedEvent(DEAL_ID));
        }

        @Test
        void recordingTheSameStatusAgainChangesNothing() {
            fixture.given(created(10, TimeDealStatus.SCHEDULED))
                    .andGivenCurrentTime(BEFORE_START)
                    .when(new RecordProductStatusCommand(DEAL_ID, com.bbossiregi.timedeal.api.product.ProductStatus.ACTIVE))
                    .expectNoEvents();
        }
    }

    @Nested
    class Release {

        @Test
        void givesTheReservedQuantityBack() {
            fixture.given(activeDeal(10), reserved("order-1", 3))
                    .andGivenCurrentTime(DURING)
                    .when(new ReleaseStockCommand(DEAL_ID, "order-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new StockReleasedEvent(DEAL_ID, "order-1", 3))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("reservedQuantity", 0)
                            .satisfies(reservations(Map.of())));
        }

        @Test
        void releasedStockCanBeReservedAgain() {
            fixture.givenCurrentTime(DURING)
                    .andGivenCommands(
                            createCommand(ORIGINAL_PRICE, DEAL_PRICE, 3, START, END),
                            place("order-1", 3),
                            new ReleaseStockCommand(DEAL_ID, "order-1"))
                    .when(place("order-2", 3))
                    .expectEvents(events(
                            reserved("order-2", 3),
                            new TimeDealSoldOutEvent(DEAL_ID),
                            opened("order-2", 3)));
        }

        @Test
        void aRepeatedReleaseIsANoOp() {
            fixture.given(activeDeal(10),
                            reserved("order-1", 3),
                            new StockReleasedEvent(DEAL_ID, "order-1", 3))
                    .andGivenCurrentTime(DURING)
                    .when(new ReleaseStockCommand(DEAL_ID, "order-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(deal -> assertThat(deal).hasFieldOrPropertyWithValue("reservedQuantity", 0));
        }

        @Test
        void releasingAnOrderThatNeverReservedIsANoOp() {
            fixture.given(activeDeal(10), reserved("order-1", 3))
                    .andGivenCurrentTime(DURING)
                    .when(new ReleaseStockCommand(DEAL_ID, "order-2"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(deal -> assertThat(deal).hasFieldOrPropertyWithValue("reservedQuantity", 3));
        }

        @Test
        void reactivatesASoldOutDealBeforeItsEnd() {
            fixture.given(activeDeal(2),
                            reserved("order-1", 2),
                            new TimeDealSoldOutEvent(DEAL_ID))
                    .andGivenCurrentTime(DURING)
                    .when(new ReleaseStockCommand(DEAL_ID, "order-1"))
                    .expectEvents(
                            new StockReleasedEvent(DEAL_ID, "order-1", 2),
                            new TimeDealReactivatedEvent(DEAL_ID))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.ACTIVE));
        }

        @Test
        void aReactivatedDealTakesOrdersAgain() {
            fixture.given(activeDeal(2),
                            reserved("order-1", 2),
                            new TimeDealSoldOutEvent(DEAL_ID),
                            new StockReleasedEvent(DEAL_ID, "order-1", 2),
                            new TimeDealReactivatedEvent(DEAL_ID))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-2", 1))
                    .expectEvents(events(reserved("order-2", 1), opened("order-2", 1)));
        }

        @Test
        void aSoldOutDealPastItsEndEndsInsteadOfReactivating() {
            fixture.given(activeDeal(2),
                            reserved("order-1", 2),
                            new TimeDealSoldOutEvent(DEAL_ID))
                    .andGivenCurrentTime(END)
                    .when(new ReleaseStockCommand(DEAL_ID, "order-1"))
                    .expectEvents(
                            new TimeDealEndedEvent(DEAL_ID),
                            new StockReleasedEvent(DEAL_ID, "order-1", 2))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.ENDED)
                            .hasFieldOrPropertyWithValue("reservedQuantity", 0));
        }
    }

    @Nested
    class DealClock {

        private static boolean isStartDeadline(DeadlineMessage<?> deadline) {
            return TimeDeal.DEAL_START.equals(deadline.getDeadlineName());
        }

        @Test
        void aScheduledDealGetsItsStartAndItsEndAsDeadlines() {
            fixture.givenCurrentTime(BEFORE_START)
                    .when(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    .expectEvents(created(100, TimeDealStatus.SCHEDULED))
                    .expectScheduledDeadlineWithName(START, TimeDeal.DEAL_START)
                    .expectScheduledDeadlineWithName(END, TimeDeal.DEAL_END);
        }

        @Test
        void aDealCreatedActiveOnlyGetsItsEndAsADeadline() {
            fixture.givenCurrentTime(DURING)
                    .when(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    .expectScheduledDeadlineWithName(END, TimeDeal.DEAL_END)
                    .expectNoScheduledDeadlineMatching(matches(DealClock::isStartDeadline));
        }

        @Test
        void aRefusedCreationSchedulesNothing() {
            fixture.givenCurrentTime(END)
                    .when(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    .expectException(domainError(ErrorCode.VALIDATION_ERROR))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void startsAtItsStart() {
            fixture.givenCurrentTime(BEFORE_START)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    .whenTimeElapses(Duration.between(BEFORE_START, START))
                    .expectTriggeredDeadlinesWithName(TimeDeal.DEAL_START)
                    .expectEvents(new TimeDealStartedEvent(DEAL_ID))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.ACTIVE));
        }

        @Test
        void doesNotStartAMomentBeforeItsStart() {
            fixture.givenCurrentTime(BEFORE_START)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    .whenTimeAdvancesTo(START.minusMillis(1))
                    .expectTriggeredDeadlinesWithName()
                    .expectNoEvents()
                    .expectScheduledDeadlineWithName(START, TimeDeal.DEAL_START);
        }

        @Test
        void endsAtItsEnd() {
            fixture.givenCurrentTime(DURING)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    .whenTimeAdvancesTo(END)
                    .expectTriggeredDeadlinesWithName(TimeDeal.DEAL_END)
                    .expectEvents(new TimeDealEndedEvent(DEAL_ID))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.ENDED));
        }

        @Test
        void aScheduledDealRunsThroughItsWholeWindow() {
            fixture.givenCurrentTime(BEFORE_START)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    .whenTimeElapses(Duration.between(BEFORE_START, END))
                    .expectTriggeredDeadlinesWithName(TimeDeal.DEAL_START, TimeDeal.DEAL_END)
                    .expectEvents(new TimeDealStartedEvent(DEAL_ID), new TimeDealEndedEvent(DEAL_ID))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void aSoldOutDealEndsAtItsEnd() {
            // Being paid: the order keeps its stock when its hold ends, before the deal's end.
            givesStockBack.put("order-1", false);
            fixture.givenCurrentTime(DURING)
                    .andGivenCommands(
                            createCommand(ORIGINAL_PRICE, DEAL_PRICE, 2, START, END),
                            place("order-1", 2))
                    .whenTimeAdvancesTo(END)
                    .expectEvents(
                            new ReservationHoldsEndedEvent(DEAL_ID, List.of("order-1"), null),
                            new TimeDealEndedEvent(DEAL_ID))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.ENDED)
                            .hasFieldOrPropertyWithValue("reservedQuantity", 2));
        }

        @Test
        void theStartDeadlineDoesNothingOnceAnOrderStartedTheDeal() {
            fixture.givenCurrentTime(BEFORE_START)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    // What the lazy catch-up of an order that reached the deal first applies.
                    .andGiven(new TimeDealStartedEvent(DEAL_ID))
                    .whenTimeAdvancesTo(START)
                    .expectTriggeredDeadlinesWithName(TimeDeal.DEAL_START)
                    .expectNoEvents();
        }

        @Test
        void theEndDeadlineDoesNothingOnceAnOrderEndedTheDeal() {
            fixture.givenCurrentTime(DURING)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END))
                    .andGiven(new TimeDealEndedEvent(DEAL_ID))
                    .whenTimeAdvancesTo(END)
                    .expectTriggeredDeadlinesWithName(TimeDeal.DEAL_END)
                    .expectNoEvents();
        }

        @Test
        void anOrderAfterTheStartDeadlineDoesNotStartTheDealAgain() {
            fixture.given(created(10, TimeDealStatus.SCHEDULED), new TimeDealStartedEvent(DEAL_ID))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-1", 1))
                    .expectEvents(events(reserved("order-1", 1), opened("order-1", 1)));
        }

        @Test
        void aCanceledDealNeitherStartsNorEnds() {
            fixture.givenCurrentTime(BEFORE_START)
                    .andGivenCommands(
                            createCommand(ORIGINAL_PRICE, DEAL_PRICE, 100, START, END),
                            new CancelTimeDealCommand(DEAL_ID))
                    .whenTimeAdvancesTo(END)
                    .expectTriggeredDeadlinesWithName(TimeDeal.DEAL_START, TimeDeal.DEAL_END)
                    .expectNoEvents()
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.CANCELED));
        }
    }

    @Nested
    class Sale {

        @Test
        void movesWhatTheOrderHoldsFromReservedToSold() {
            fixture.given(activeDeal(10),
                            reserved("order-1", 3),
                            reserved("order-2", 2))
                    .andGivenCurrentTime(DURING)
                    .when(new SellReservedStockCommand(DEAL_ID, "order-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ReservedStockSoldEvent(DEAL_ID, "order-1", 3))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("reservedQuantity", 2)
                            .hasFieldOrPropertyWithValue("soldQuantity", 3)
                            .satisfies(reservations(Map.of("order-2", 2)))
                            .satisfies(sales(Map.of("order-1", 3))));
        }

        @Test
        void sellsAnOrderOnlyOnce() {
            fixture.givenCurrentTime(DURING)
                    .andGivenCommands(
                            createCommand(ORIGINAL_PRICE, DEAL_PRICE, 10, START, END),
                            place("order-1", 3),
                            new SellReservedStockCommand(DEAL_ID, "order-1"))
                    .when(new SellReservedStockCommand(DEAL_ID, "order-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("reservedQuantity", 0)
                            .hasFieldOrPropertyWithValue("soldQuantity", 3));
        }

        @Test
        void refusesToSellAnOrderThatHoldsNothing() {
            fixture.given(activeDeal(10), reserved("order-1", 3))
                    .andGivenCurrentTime(DURING)
                    .when(new SellReservedStockCommand(DEAL_ID, "order-2"))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.ORDER_NOT_RESERVED));
        }

        @Test
        void refusesToSellAReleasedOrder() {
            fixture.given(activeDeal(10),
                            reserved("order-1", 3),
                            new StockReleasedEvent(DEAL_ID, "order-1", 3))
                    .andGivenCurrentTime(DURING)
                    .when(new SellReservedStockCommand(DEAL_ID, "order-1"))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.ORDER_NOT_RESERVED));
        }

        @Test
        void sellsAHeldReservationAfterTheDealEnded() {
            fixture.given(activeDeal(10), reserved("order-1", 3), new TimeDealEndedEvent(DEAL_ID))
                    .andGivenCurrentTime(END.plus(Duration.ofMinutes(5)))
                    .when(new SellReservedStockCommand(DEAL_ID, "order-1"))
                    .expectEvents(new ReservedStockSoldEvent(DEAL_ID, "order-1", 3))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.ENDED)
                            .hasFieldOrPropertyWithValue("soldQuantity", 3));
        }

        @Test
        void sellsAHeldReservationAfterTheDealWasCanceled() {
            fixture.given(activeDeal(10), reserved("order-1", 3), new TimeDealCanceledEvent(DEAL_ID))
                    .andGivenCurrentTime(DURING)
                    .when(new SellReservedStockCommand(DEAL_ID, "order-1"))
                    .expectEvents(new ReservedStockSoldEvent(DEAL_ID, "order-1", 3))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.CANCELED));
        }

        @Test
        void aSaleKeepsASoldOutDealSoldOut() {
            fixture.given(activeDeal(2),
                            reserved("order-1", 2),
                            new TimeDealSoldOutEvent(DEAL_ID),
                            new ReservedStockSoldEvent(DEAL_ID, "order-1", 2))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-2", 1))
                    .expectEvents(refused("order-2", 1, 0, ReservationRejection.INSUFFICIENT_STOCK));
        }

        @Test
        void refusesToReleaseASoldOrder() {
            fixture.given(activeDeal(10),
                            reserved("order-1", 3),
                            new ReservedStockSoldEvent(DEAL_ID, "order-1", 3))
                    .andGivenCurrentTime(DURING)
                    .when(new ReleaseStockCommand(DEAL_ID, "order-1"))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.CANNOT_CANCEL));
        }
    }

    /** The deal keeps its reservations' holds and ends them on time (ADR 0019). */
    @Nested
    class Holds {

        private static final Instant HOLD_END = DURING.plus(HOLD);

        @Test
        void theFirstHoldSchedulesTheDealsLookAtItsEnd() {
            fixture.given(activeDeal(10))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-1", 2))
                    .expectEvents(events(reserved("order-1", 2), opened("order-1", 2)))
                    .expectScheduledDeadlineWithName(HOLD_END, TimeDeal.HOLDS_END);
        }

        /**
         * A hold ends on a whole second, rounded up (the deal's table keeps seconds): the reservation records it and the
         * look is scheduled there, not at the instant within the second when nothing would be due yet.
         */
        @Test
        void aHoldPlacedWithinASecondEndsOnTheNextWholeSecond() {
            fixture.given(activeDeal(10))
                    .andGivenCurrentTime(DURING.plusMillis(250))
                    .when(place("order-1", 2))
                    .expectEvents(events(new StockReservedEvent(DEAL_ID, "order-1", 2, SHOPPER, HOLD_END.plusSeconds(1)),
                            opened("order-1", 2)))
                    .expectScheduledDeadlineWithName(HOLD_END.plusSeconds(1), TimeDeal.HOLDS_END);
        }

        @Test
        void theLookAtThatSecondEndsIt() {
            fixture.givenCurrentTime(DURING.plusMillis(250))
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 10, START, END), place("order-1", 2))
                    .whenTimeAdvancesTo(HOLD_END.plusSeconds(1))
                    .expectEvents(
                            new ReservationHoldsEndedEvent(DEAL_ID, List.of("order-1"), null),
                            new StockReleasedEvent(DEAL_ID, "order-1", 2));
            assertThat(endedHolds).containsExactly("order-1");
        }

        @Test
        void laterHoldsAddNoDeadline() {
            fixture.given(activeDeal(10), reserved("order-1", 2))
                    .andGivenCurrentTime(DURING.plusSeconds(30))
                    .when(place("order-2", 1))
                    .expectEvents(events(reservedAt(DURING.plusSeconds(30), "order-2", 1), opened("order-2", 1)))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void anUnpaidHoldEndsOnTimeAndItsStockComesBack() {
            fixture.givenCurrentTime(DURING)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 2, START, END), place("order-1", 2))
                    .whenTimeAdvancesTo(HOLD_END)
                    .expectTriggeredDeadlinesWithName(TimeDeal.HOLDS_END)
                    .expectEvents(
                            new ReservationHoldsEndedEvent(DEAL_ID, List.of("order-1"), null),
                            new StockReleasedEvent(DEAL_ID, "order-1", 2),
                            new TimeDealReactivatedEvent(DEAL_ID))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("reservedQuantity", 0)
                            .satisfies(reservations(Map.of())));
            assertThat(endedHolds).containsExactly("order-1");
            assertThat(endReasons).containsExactly(CancellationReason.RESERVATION_EXPIRED);
        }

        @Test
        void nothingEndsBeforeItsTime() {
            fixture.givenCurrentTime(DURING)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 2, START, END), place("order-1", 2))
                    .whenTimeAdvancesTo(HOLD_END.minusMillis(1))
                    .expectNoEvents()
                    .expectScheduledDeadlineWithName(HOLD_END, TimeDeal.HOLDS_END);
            assertThat(endedHolds).isEmpty();
        }

        @Test
        void holdsEndingCloseTogetherEndTogetherTheOthersOnTime() {
            fixture.given(activeDeal(10))
                    .andGivenCurrentTime(DURING)
                    .andGivenCommands(place("order-1", 1))
                    .andGiven(reservedAt(DURING.plusMillis(400), "order-2", 1),
                            reservedAt(DURING.plusSeconds(30), "order-3", 1))
                    .whenTimeAdvancesTo(HOLD_END.plusSeconds(1))
                    .expectEvents(
                            // The look at order-1's end is spaced a second from the next: order-2 waits for it.
                            new ReservationHoldsEndedEvent(DEAL_ID, List.of("order-1"), HOLD_END.plus(CHECK_SPACING)),
                            new StockReleasedEvent(DEAL_ID, "order-1", 1),
                            new ReservationHoldsEndedEvent(DEAL_ID, List.of("order-2"), HOLD_END.plusSeconds(30)),
                            new StockReleasedEvent(DEAL_ID, "order-2", 1))
                    .expectScheduledDeadlineWithName(HOLD_END.plusSeconds(30), TimeDeal.HOLDS_END)
                    .expectState(deal -> assertThat(deal).satisfies(reservations(Map.of("order-3", 1))));
        }

        @Test
        void aPaidOrSoldOrderIsNotEndedAndAnOrderBeingPaidKeepsItsStock() {
            givesStockBack.put("order-2", false);
            fixture.givenCurrentTime(DURING)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 10, START, END),
                            place("order-1", 1), place("order-2", 2), new SellReservedStockCommand(DEAL_ID, "order-1"))
                    .whenTimeAdvancesTo(END.minusSeconds(1))
                    .expectEvents(new ReservationHoldsEndedEvent(DEAL_ID, List.of("order-2"), null))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("reservedQuantity", 2)
                            .satisfies(reservations(Map.of("order-2", 2)))
                            .satisfies(sales(Map.of("order-1", 1))));
            // Named once: its hold has ended, and no look is left to name it again.
            assertThat(endedHolds).containsExactly("order-2");
        }

        @Test
        void aReleasedOrderIsNotEndedAndTheLookStillEndsTheRest() {
            fixture.givenCurrentTime(DURING)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 10, START, END),
                            place("order-1", 1), place("order-2", 2), new ReleaseStockCommand(DEAL_ID, "order-1"))
                    .whenTimeAdvancesTo(HOLD_END)
                    .expectEvents(
                            new ReservationHoldsEndedEvent(DEAL_ID, List.of("order-2"), null),
                            new StockReleasedEvent(DEAL_ID, "order-2", 2));
        }

        @Test
        void aFlashSalesHoldsEndALooksWorthAtATime() {
            List<Object> orders = new ArrayList<>();
            orders.add(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 1000, START, END));
            for (int i = 0; i <= 2 * TimeDeal.HOLDS_PER_LOOK; i++) {
                orders.add(place("order-" + i, 1));
            }
            fixture.givenCurrentTime(DURING)
                    .andGivenCommands(orders)
                    .whenTimeAdvancesTo(HOLD_END)
                    .expectEventsMatching(matches((List<EventMessage<?>> events) -> {
                        List<Object> payloads = events.stream().map(event -> (Object) event.getPayload()).toList();
                        // Two full looks, each scheduling the next at once, and the last one with the one left.
                        List<Integer> looks = payloads.stream().filter(ReservationHoldsEndedEvent.class::isInstance)
                                .map(event -> ((ReservationHoldsEndedEvent) event).orderIds().size()).toList();
                        long releases = payloads.stream().filter(StockReleasedEvent.class::isInstance).count();
                        return looks.equals(List.of(TimeDeal.HOLDS_PER_LOOK, TimeDeal.HOLDS_PER_LOOK, 1))
                                && releases == 2L * TimeDeal.HOLDS_PER_LOOK + 1;
                    }))
                    .expectState(deal -> assertThat(deal).hasFieldOrPropertyWithValue("reservedQuantity", 0));
            assertThat(endedHolds).hasSize(2 * TimeDeal.HOLDS_PER_LOOK + 1).doesNotHaveDuplicates();
        }

        @Test
        void aLookSupersededByTheDealsCancelDoesNothing() {
            givesStockBack.put("order-1", false);
            fixture.givenCurrentTime(DURING)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 10, START, END), place("order-1", 1),
                            new CancelTimeDealCommand(DEAL_ID))
                    .whenTimeAdvancesTo(HOLD_END)
                    .expectTriggeredDeadlinesWithName(TimeDeal.HOLDS_END)
                    .expectNoEvents();
            assertThat(endedHolds).containsExactly("order-1");
        }

        @Test
        void theDealsSnapshotKeepsItsHoldsAndItsLook() {
            fixture.givenCurrentTime(DURING)
                    .andGivenCommands(createCommand(ORIGINAL_PRICE, DEAL_PRICE, 10, START, END), place("order-1", 1))
                    .when(place("order-2", 1))
                    .expectState(deal -> {
                        assertThat(deal).hasFieldOrPropertyWithValue("holdCheckPending", true)
                                .hasFieldOrPropertyWithValue("holdChecks", 1L);
                        assertSurvivesSnapshot(deal);
                    });
        }
    }

    @Nested
    class Cancellation {

        @Test
        void cancelsAnActiveDeal() {
            fixture.given(activeDeal(10))
                    .andGivenCurrentTime(DURING)
                    .when(new CancelTimeDealCommand(DEAL_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TimeDealCanceledEvent(DEAL_ID))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.CANCELED));
        }

        @Test
        void cancelsAScheduledDeal() {
            fixture.given(created(10, TimeDealStatus.SCHEDULED))
                    .andGivenCurrentTime(BEFORE_START)
                    .when(new CancelTimeDealCommand(DEAL_ID))
                    .expectEvents(new TimeDealCanceledEvent(DEAL_ID));
        }

        @Test
        void cancelsASoldOutDealAndEndsItsHolds() {
            fixture.given(activeDeal(1), reserved("order-1", 1), new TimeDealSoldOutEvent(DEAL_ID))
                    .andGivenCurrentTime(DURING)
                    .when(new CancelTimeDealCommand(DEAL_ID))
                    .expectEvents(
                            new TimeDealCanceledEvent(DEAL_ID),
                            new ReservationHoldsEndedEvent(DEAL_ID, List.of("order-1"), null),
                            new StockReleasedEvent(DEAL_ID, "order-1", 1));
            assertThat(endReasons).containsExactly(CancellationReason.DEAL_CANCELED);
        }

        @Test
        void endsTheHoldsOfItsOpenOrdersAndLeavesAnOrderBeingPaidToItsPayment() {
            givesStockBack.put("order-2", false);
            fixture.given(activeDeal(10), reserved("order-1", 3), reserved("order-2", 2),
                            new ReservedStockSoldEvent(DEAL_ID, "order-2", 2), reserved("order-3", 1))
                    .andGivenCurrentTime(DURING)
                    .when(new CancelTimeDealCommand(DEAL_ID))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches(TimeDealCanceledEvent.class::isInstance),
                            matches(event -> event instanceof ReservationHoldsEndedEvent ended
                                    && Set.copyOf(ended.orderIds()).equals(Set.of("order-1", "order-3"))
                                    && ended.nextCheckAt() == null),
                            matches(StockReleasedEvent.class::isInstance),
                            matches(StockReleasedEvent.class::isInstance),
                            andNoMore())))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("reservedQuantity", 0)
                            .satisfies(reservations(Map.of()))
                            .satisfies(sales(Map.of("order-2", 2))));
            assertThat(endedHolds).containsExactlyInAnyOrder("order-1", "order-3");
        }

        @Test
        void anOrderBeingPaidKeepsItsStockWhenItsDealIsCanceled() {
            givesStockBack.put("order-1", false);
            fixture.given(activeDeal(10), reserved("order-1", 3))
                    .andGivenCurrentTime(DURING)
                    .when(new CancelTimeDealCommand(DEAL_ID))
                    .expectEvents(
                            new TimeDealCanceledEvent(DEAL_ID),
                            new ReservationHoldsEndedEvent(DEAL_ID, List.of("order-1"), null))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("reservedQuantity", 3)
                            .satisfies(reservations(Map.of("order-1", 3))));
        }

        @Test
        void leavesTheReservationsMadeBeforeTheDealKeptHoldsToTheirSagas() {
            fixture.given(activeDeal(10), new StockReservedEvent(DEAL_ID, "order-1", 3, SHOPPER))
                    .andGivenCurrentTime(DURING)
                    .when(new CancelTimeDealCommand(DEAL_ID))
                    .expectEvents(new TimeDealCanceledEvent(DEAL_ID))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("reservedQuantity", 3)
                            .satisfies(reservations(Map.of("order-1", 3))));
            assertThat(endedHolds).isEmpty();
        }

        @Test
        void endsAtMostALooksWorthOfHoldsAndTheRestAtOnce() {
            List<Object> given = new ArrayList<>(List.of(activeDeal(1000)));
            for (int i = 0; i <= TimeDeal.HOLDS_PER_LOOK; i++) {
                given.add(reserved("order-" + i, 1));
            }
            fixture.given(given)
                    .andGivenCurrentTime(DURING)
                    .when(new CancelTimeDealCommand(DEAL_ID))
                    .expectScheduledDeadlineWithName(DURING, TimeDeal.HOLDS_END)
                    .expectState(deal -> assertThat(deal).hasFieldOrPropertyWithValue("reservedQuantity", 1));
            assertThat(endedHolds).hasSize(TimeDeal.HOLDS_PER_LOOK);
        }

        @Test
        void anEndedDealCannotBeCanceled() {
            fixture.given(activeDeal(10), new TimeDealEndedEvent(DEAL_ID))
                    .andGivenCurrentTime(END.plusSeconds(1))
                    .when(new CancelTimeDealCommand(DEAL_ID))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.CANNOT_CANCEL));
        }

        @Test
        void aDealPastItsEndCannotBeCanceledEvenBeforeItsEndIsRecorded() {
            fixture.given(activeDeal(10))
                    .andGivenCurrentTime(END)
                    .when(new CancelTimeDealCommand(DEAL_ID))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.CANNOT_CANCEL));
        }

        @Test
        void aCanceledDealIsAlreadyCanceled() {
            fixture.given(activeDeal(10), new TimeDealCanceledEvent(DEAL_ID))
                    .andGivenCurrentTime(DURING)
                    .when(new CancelTimeDealCommand(DEAL_ID))
                    .expectNoEvents()
                    .expectException(domainError(ErrorCode.ALREADY_CANCELED));
        }

        @Test
        void aCanceledDealRefusesReservations() {
            fixture.given(activeDeal(10), new TimeDealCanceledEvent(DEAL_ID))
                    .andGivenCurrentTime(DURING)
                    .when(place("order-1", 1))
                    .expectEvents(refused("order-1", 1, 10, ReservationRejection.DEAL_NOT_ACTIVE));
        }

        @Test
        void aCanceledDealTakesStockBackWithoutReactivating() {
            fixture.given(activeDeal(2),
                            reserved("order-1", 2),
                            new TimeDealSoldOutEvent(DEAL_ID),
                            new TimeDealCanceledEvent(DEAL_ID))
                    .andGivenCurrentTime(DURING)
                    .when(new ReleaseStockCommand(DEAL_ID, "order-1"))
                    .expectEvents(new StockReleasedEvent(DEAL_ID, "order-1", 2))
                    .expectState(deal -> assertThat(deal)
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.CANCELED)
                            .hasFieldOrPropertyWithValue("reservedQuantity", 0));
        }

        @Test
        void aCanceledDealPastItsEndTakesStockBackWithoutEnding() {
            fixture.given(activeDeal(10), reserved("order-1", 2), new TimeDealCanceledEvent(DEAL_ID))
                    .andGivenCurrentTime(END.plusSeconds(1))
                    .when(new ReleaseStockCommand(DEAL_ID, "order-1"))
                    .expectEvents(new StockReleasedEvent(DEAL_ID, "order-1", 2));
        }
    }

    @Test
    void anEndedDealTakesStockBackWithoutReactivating() {
        fixture.given(activeDeal(2),
                        reserved("order-1", 2),
                        new TimeDealSoldOutEvent(DEAL_ID),
                        new TimeDealEndedEvent(DEAL_ID))
                .andGivenCurrentTime(END.plusSeconds(30))
                .when(new ReleaseStockCommand(DEAL_ID, "order-1"))
                .expectEvents(new StockReleasedEvent(DEAL_ID, "order-1", 2))
                .expectState(deal -> assertThat(deal)
                        .hasFieldOrPropertyWithValue("status", TimeDealStatus.ENDED));
    }

    /**
     * Reserves, sells and releases in turns against a small stock and checks the deal against an independent
     * tally: reserved plus sold never exceeds the stock, a sold order is never given back, and the units sold stay
     * out of what can be reserved again.
     */
    @Test
    void reservedAndSoldTogetherNeverExceedTheStock() {
        int stock = 40;
        List<Object> commands = new ArrayList<>();
        commands.add(createCommand(ORIGINAL_PRICE, DEAL_PRICE, stock, START, END));
        Map<String, Integer> expectedHeld = new HashMap<>();
        Map<String, Integer> expectedSold = new HashMap<>();
        int expectedReserved = 0;
        int expectedSoldQuantity = 0;
        for (int i = 1; i <= 60; i++) {
            String orderId = "order-" + i;
            int quantity = (i * 3) % 5 + 1;
            commands.add(place(orderId, quantity));
            if (quantity <= stock - expectedReserved - expectedSoldQuantity) {
                expectedHeld.put(orderId, quantity);
                expectedReserved += quantity;
            }
            if (i % 3 == 0) {
                String paidOrderId = "order-" + (i - 1);
                Integer held = expectedHeld.remove(paidOrderId);
                if (held != null) {
                    commands.add(new SellReservedStockCommand(DEAL_ID, paidOrderId));
                    expectedSold.put(paidOrderId, held);
                    expectedReserved -= held;
                    expectedSoldQuantity += held;
                }
            }
            if (i % 4 == 0) {
                String canceledOrderId = "order-" + (i - 2);
                if (!expectedSold.containsKey(canceledOrderId)) {
                    commands.add(new ReleaseStockCommand(DEAL_ID, canceledOrderId));
                    Integer released = expectedHeld.remove(canceledOrderId);
                    if (released != null) {
                        expectedReserved -= released;
                    }
                }
            }
        }
        int finalReserved = expectedReserved;
        int finalSold = expectedSoldQuantity;

        fixture.givenCurrentTime(DURING)
                .andGivenCommands(commands)
                .when(place("order-one-too-many", stock + 1))
                .expectEvents(refused("order-one-too-many", stock + 1, stock - finalReserved - finalSold, ReservationRejection.INSUFFICIENT_STOCK))
                .expectState(deal -> assertThat(deal)
                        .hasFieldOrPropertyWithValue("reservedQuantity", finalReserved)
                        .hasFieldOrPropertyWithValue("soldQuantity", finalSold)
                        .satisfies(reservations(expectedHeld))
                        .satisfies(sales(expectedSold)));
        assertThat(finalReserved + finalSold).isLessThanOrEqualTo(stock);
        assertThat(expectedSold).as("the scenario must sell").isNotEmpty();
        assertThat(expectedHeld).as("the scenario must still hold reservations").isNotEmpty();
    }

    /**
     * Drives many reservations of varied sizes, with releases in between, against a small stock and checks
     * the deal against an independent tally: it never hands out more than its stock, and it grants exactly
     * the requests that fit.
     */
    @Test
    void neverHandsOutMoreThanItsStock() {
        int stock = 50;
        List<Object> commands = new ArrayList<>();
        commands.add(createCommand(ORIGINAL_PRICE, DEAL_PRICE, stock, START, END));
        Map<String, Integer> expectedHeld = new HashMap<>();
        int expectedReserved = 0;
        for (int i = 1; i <= 80; i++) {
            String orderId = "order-" + i;
            int quantity = (i * 7) % 10 + 1;
            commands.add(place(orderId, quantity));
            if (quantity <= stock - expectedReserved) {
                expectedHeld.put(orderId, quantity);
                expectedReserved += quantity;
            }
            if (i % 4 == 0) {
                String releasedOrderId = "order-" + (i - 2);
                commands.add(new ReleaseStockCommand(DEAL_ID, releasedOrderId));
                Integer released = expectedHeld.remove(releasedOrderId);
                if (released != null) {
                    expectedReserved -= released;
                }
            }
        }
        int finalReserved = expectedReserved;
        boolean expectSoldOut = finalReserved == stock;

        fixture.givenCurrentTime(DURING)
                .andGivenCommands(commands)
                .when(place("order-one-too-many", stock + 1))
                .expectEvents(refused("order-one-too-many", stock + 1, stock - finalReserved, ReservationRejection.INSUFFICIENT_STOCK))
                .expectState(deal -> {
                    assertThat(deal)
                            .hasFieldOrPropertyWithValue("reservedQuantity", finalReserved)
                            .hasFieldOrPropertyWithValue("soldQuantity", 0)
                            .satisfies(reservations(expectedHeld))
                            .hasFieldOrPropertyWithValue("status",
                                    expectSoldOut ? TimeDealStatus.SOLDOUT : TimeDealStatus.ACTIVE);
                    assertThat(finalReserved).isLessThanOrEqualTo(stock);
                });
        assertThat(expectedHeld).as("the scenario must both grant and refuse").isNotEmpty().hasSizeLessThan(80);
    }

    @Test
    void survivesAJacksonSnapshot() {
        fixture.given(activeDeal(10),
                        reserved("order-1", 3),
                        reserved("order-2", 2),
                        reserved("order-3", 4),
                        new ReservedStockSoldEvent(DEAL_ID, "order-3", 4),
                        new TimeDealCanceledEvent(DEAL_ID))
                .andGivenCurrentTime(DURING)
                .when(new ReleaseStockCommand(DEAL_ID, "order-1"))
                .expectState(deal -> {
                    assertThat(deal)
                            .satisfies(reservations(Map.of("order-2", 2)))
                            .satisfies(sales(Map.of("order-3", 4)))
                            .hasFieldOrPropertyWithValue("status", TimeDealStatus.CANCELED);
                    assertSurvivesSnapshot(deal);
                });
    }

    /** The deal's open reservations, by order, compared with a plain map. */
    private static ThrowingConsumer<TimeDeal> reservations(Map<String, Integer> expected) {
        return deal -> assertThat(orders(deal, "reservations")).isEqualTo(expected);
    }

    /** The deal's paid orders, by order, compared with a plain map. */
    private static ThrowingConsumer<TimeDeal> sales(Map<String, Integer> expected) {
        return deal -> assertThat(orders(deal, "sales")).isEqualTo(expected);
    }

    private static Map<String, Integer> orders(TimeDeal deal, String field) {
        Map<String, Integer> quantities = new HashMap<>();
        ((OrderTable) PropertyOrFieldSupport.EXTRACTION.getValueOf(field, deal)).holdings()
                .forEach((orderId, holding) -> quantities.put(orderId, holding.quantity()));
        return quantities;
    }
}
