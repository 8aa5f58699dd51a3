package com.bbossiregi.timedeal.command.timedeal;

import com.bbossiregi.timedeal.api.timedeal.ReservationHoldsEndedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.command.order.OrderHolds;
import com.bbossiregi.timedeal.command.order.ReservationHold;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.Message;
import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.PlaceOrderCommand;
import com.bbossiregi.timedeal.api.timedeal.CreateTimeDealCommand;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStartedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Auditors read who acted: a start or an end is the system's doing, even when a shopper's order noticed it. */
class TimeDealClockActorTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(1));
    private static final Duration HOLD = Duration.ofMinutes(10);

    private FixtureConfiguration<TimeDeal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TimeDeal.class);
        // As in the application: the acting user's metadata is carried onto the events a command appends.
        CorrelationDataInterceptor<Message<?>> actorCorrelation = new CorrelationDataInterceptor<>(
                new SimpleCorrelationDataProvider(Actor.ID_KEY, Actor.TYPE_KEY));
        fixture.registerCommandHandlerInterceptor(actorCorrelation);
        fixture.registerDeadlineHandlerInterceptor(actorCorrelation);
        fixture.registerInjectableResource(new ReservationHold(HOLD, Duration.ofSeconds(20), Duration.ofSeconds(1)));
        OrderHolds unpaid = (orderId, reason, by, deadlineManager, grace) -> true;
        fixture.registerInjectableResource(unpaid);
        // The fixture sets the message clock for commands only; deadlines then read the fixture's time too.
        GenericEventMessage.clock = new FixtureClock((AggregateTestFixture<?>) fixture);
    }

    @AfterEach
    void systemClock() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    /**
     * The look at the holds is scheduled in the unit of work of the order that found none pending, so its deadline
     * carries that shopper as its actor; the holds it ends are still the system's doing.
     */
    @Test
    void aHoldRunningOutIsTheSystemsDoingThoughAShoppersOrderScheduledTheLook() {
        fixture.givenCurrentTime(START.plusSeconds(5))
                .andGiven(new TimeDealCreatedEvent(7, 3, 45_000, 29_900, 34, 10, START, END, TimeDealStatus.ACTIVE, null))
                .andGivenCommands(List.of(GenericCommandMessage.asCommandMessage(new PlaceOrderCommand(7, "order-1", 42, 1))
                        .andMetaData(Actor.user(42).toMetaData())))
                .whenTimeElapses(HOLD)
                .expectEventsMatching(Matchers.exactSequenceOf(bySystem(ReservationHoldsEndedEvent.class),
                        bySystem(StockReleasedEvent.class), Matchers.andNoMore()));
    }

    private static org.hamcrest.Matcher<EventMessage<?>> bySystem(Class<?> eventType) {
        return new CustomTypeSafeMatcher<>(eventType.getSimpleName() + " by the system") {
            @Override
            protected boolean matchesSafely(EventMessage<?> event) {
                return eventType.isInstance(event.getPayload())
                        && Actor.fromMetaData(event.getMetaData()).equals(Actor.SYSTEM);
            }
        };
    }

    @Test
    void theStartDeadlineRecordsTheSystemAsActor() {
        fixture.givenCurrentTime(START.minusSeconds(1))
                .andGivenCommands(new CreateTimeDealCommand(7, 3, 45_000, 29_900, 10, START, END, null))
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectEventsMatching(Matchers.exactSequenceOf(startedBySystem(), Matchers.andNoMore()));
    }

    @Test
    void aStartNoticedByAShoppersOrderStillRecordsTheSystemAsActor() {
        fixture.givenCurrentTime(START.plusSeconds(5))
                .andGiven(new TimeDealCreatedEvent(7, 3, 45_000, 29_900, 34, 10, START, END, TimeDealStatus.SCHEDULED, null))
                .when(new PlaceOrderCommand(7, "order-1", 42, 1), Actor.user(42).toMetaData())
                .expectEventsMatching(Matchers.exactSequenceOf(startedBySystem(),
                        byTheShopper(StockReservedEvent.class), byTheShopper(OrderPlacedEvent.class),
                        byTheShopper(OrderReservedEvent.class), Matchers.andNoMore()));
    }

    private static org.hamcrest.Matcher<EventMessage<?>> byTheShopper(Class<?> eventType) {
        return new CustomTypeSafeMatcher<>(eventType.getSimpleName() + " by user 42") {
            @Override
            protected boolean matchesSafely(EventMessage<?> event) {
                return eventType.isInstance(event.getPayload())
                        && Actor.fromMetaData(event.getMetaData()).equals(Actor.user(42));
            }
        };
    }

    private static org.hamcrest.Matcher<EventMessage<?>> startedBySystem() {
        return new CustomTypeSafeMatcher<>("TimeDealStartedEvent by the system") {
            @Override
            protected boolean matchesSafely(EventMessage<?> event) {
                return event.getPayload() instanceof TimeDealStartedEvent
                        && Actor.fromMetaData(event.getMetaData()).equals(Actor.SYSTEM);
            }
        };
    }
}
