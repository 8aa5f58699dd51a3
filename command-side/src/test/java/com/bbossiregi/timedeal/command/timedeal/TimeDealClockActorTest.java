package com.bbossiregi.timedeal.command.timedeal;

import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.PlaceOrderCommand;
import com.bbossiregi.timedeal.api.timedeal.CreateTimeDealCommand;
import com.bbossiregi.timedeal.api.timedeal.ReservationHoldsEndedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStartedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import com.bbossiregi.timedeal.command.order.OrderHolds;
import com.bbossiregi.timedeal.command.order.ReservationHold;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
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
                .expectEventsMatching(Matchers.exactSequenceOf(by(Actor.SYSTEM, ReservationHoldsEndedEvent.class),
                        by(Actor.SYSTEM, StockReleasedEvent.class), Matchers.andNoMore()));
    }

    @Test
    void theStartDeadlineRecordsTheSystemAsActor() {
        fixture.givenCurrentTime(START.minusSeconds(1))
                .andGivenCommands(new CreateTimeDealCommand(7, 3, 45_000, 29_900, 10, START, END, null))
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectEventsMatching(Matchers.exactSequenceOf(by(Actor.SYSTEM, TimeDealStartedEvent.class), Matchers.andNoMore()));
    }

    @Test
    void aStartNoticedByAShoppersOrderStillRecordsTheSystemAsActor() {
        fixture.givenCurrentTime(START.plusSeconds(5))
                .andGiven(new TimeDealCreatedEvent(7, 3, 45_000, 29_900, 34, 10, START, END, TimeDealStatus.SCHEDULED, null))
                .when(new PlaceOrderCommand(7, "order-1", 42, 1), Actor.user(42).toMetaData())
                .expectEventsMatching(Matchers.exactSequenceOf(by(Actor.SYSTEM, TimeDealStartedEvent.class),
                        by(Actor.user(42), StockReservedEvent.class), by(Actor.user(42), OrderPlacedEvent.class),
                        by(Actor.user(42), OrderReservedEvent.class), Matchers.andNoMore()));
    }

    /** An event of the type, recorded as the actor's doing. */
    private static org.hamcrest.Matcher<EventMessage<?>> by(Actor actor, Class<?> eventType) {
        return new CustomTypeSafeMatcher<>(eventType.getSimpleName() + " by " + actor) {
            @Override
            protected boolean matchesSafely(EventMessage<?> event) {
                return eventType.isInstance(event.getPayload()) && Actor.fromMetaData(event.getMetaData()).equals(actor);
            }
        };
    }
}
