package com.bbossiregi.timedeal.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.common.ActorType;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderConfirmedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.order.PaymentCompletedEvent;
import com.bbossiregi.timedeal.api.order.PaymentFailedEvent;
import com.bbossiregi.timedeal.api.order.PaymentRequestedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Order#endHold}: what an order does when its deal ends its hold, in the deal's unit of work (ADR 0019), and the
 * grace of a payment under way. Not a command, so no aggregate fixture: the order is rebuilt from its events here as
 * its repository would, and the events it applies are read from its event bus.
 */
class OrderHoldEndTest {

    private static final String ORDER_ID = "order-1";
    private static final long DEAL_ID = 7L;
    private static final String PAYMENT_ID = "pay-1";
    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final AggregateModel<Order> MODEL = AnnotatedAggregateMetaModelFactory.inspectAggregate(Order.class);

    private static final OrderPlacedEvent PLACED = new OrderPlacedEvent(ORDER_ID, 11L, DEAL_ID, 2, 100L, 200L);
    private static final OrderReservedEvent RESERVED = new OrderReservedEvent(ORDER_ID, DEAL_ID, 2);
    private static final PaymentRequestedEvent PAYING = new PaymentRequestedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, 200L, "card");
    private static final OrderStockReleasedEvent RELEASED = new OrderStockReleasedEvent(ORDER_ID, DEAL_ID, 2);

    private final StubDeadlineManager deadlines = new StubDeadlineManager(Instant.parse("2026-03-01T10:00:00Z"));
    private final List<EventMessage<?>> applied = new ArrayList<>();
    private EventSourcedAggregate<Order> order;

    enum Ended {
        EXPIRED(CancellationReason.RESERVATION_EXPIRED, MetaData.from(Actor.SYSTEM.toMetaData())),
        DEAL_CANCELED(CancellationReason.DEAL_CANCELED, MetaData.emptyInstance());

        final CancellationReason reason;
        final MetaData by;

        Ended(CancellationReason reason, MetaData by) {
            this.reason = reason;
            this.by = by;
        }
    }

    private void given(Object... history) {
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(applied::addAll);
        order = EventSourcedAggregate.initialize(new Order(), MODEL, bus, NoSnapshotTriggerDefinition.TRIGGER);
        List<GenericDomainEventMessage<?>> stream = new ArrayList<>();
        for (int i = 0; i < history.length; i++) {
            stream.add(new GenericDomainEventMessage<>("Order", ORDER_ID, i, history[i]));
        }
        order.initializeState(DomainEventStream.of(stream.toArray(new GenericDomainEventMessage<?>[0])));
    }

    private <R> R inUnitOfWork(Function<Order, R> action) {
        return DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> order.invoke(action)).getPayload();
    }

    private boolean endHold(Ended ended) {
        return inUnitOfWork(o -> o.endHold(ended.reason, ended.by, deadlines, GRACE));
    }

    private List<Object> payloads() {
        return applied.stream().map(event -> (Object) event.getPayload()).toList();
    }

    @ParameterizedTest
    @EnumSource(Ended.class)
    void anUnpaidReservedOrderIsCanceledForTheReasonAndGivesUpItsStock(Ended ended) {
        given(PLACED, RESERVED);
        assertThat(endHold(ended)).isTrue();
        assertThat(payloads()).containsExactly(RELEASED, new OrderCanceledEvent(ORDER_ID, DEAL_ID, ended.reason));
        assertThat(deadlines.getScheduledDeadlines()).isEmpty();
    }

    @Test
    void aHoldThatRanOutIsEndedByTheSystem() {
        given(PLACED, RESERVED);
        endHold(Ended.EXPIRED);
        assertThat(applied).allSatisfy(event ->
                assertThat(event.getMetaData()).containsEntry(Actor.TYPE_KEY, ActorType.SYSTEM.name()));
    }

    @Test
    void anOrderCanceledBeforeGivesItsStockBackToTheDealAndChangesNothing() {
        given(PLACED, RESERVED, RELEASED, new OrderCanceledEvent(ORDER_ID, DEAL_ID, CancellationReason.USER_REQUESTED));
        assertThat(endHold(Ended.EXPIRED)).isTrue();
        assertThat(applied).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Ended.class)
    void aPaymentUnderWayKeepsTheStockAndGetsItsGraceThenCountsAsAbandoned(Ended ended) {
        given(PLACED, RESERVED, PAYING);
        assertThat(endHold(ended)).isFalse();
        assertThat(applied).isEmpty();
        assertThat(deadlines.getScheduledDeadlines()).singleElement()
                .satisfies(deadline -> assertThat(deadline.getScheduleTime()).isEqualTo(deadlines.getCurrentDateTime().plus(GRACE)));

        deadlines.advanceTimeBy(GRACE, (scope, deadline) ->
                DefaultUnitOfWork.startAndGet(deadline).execute(() -> handle(deadline)));
        assertThat(payloads()).containsExactly(
                new PaymentFailedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, Order.PAYMENT_ABANDONED),
                RELEASED,
                new OrderCanceledEvent(ORDER_ID, DEAL_ID, CancellationReason.PAYMENT_FAILED));
        assertThat(applied).allSatisfy(event ->
                assertThat(event.getMetaData()).containsEntry(Actor.TYPE_KEY, ActorType.SYSTEM.name()));
    }

    @Test
    void aPaymentAnsweredWithinTheGraceIsLeftAlone() {
        given(PLACED, RESERVED, PAYING);
        endHold(Ended.EXPIRED);
        given(PLACED, RESERVED, PAYING, new PaymentCompletedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, 200L, "tx-1"));
        AtomicBoolean handled = new AtomicBoolean();
        deadlines.advanceTimeBy(GRACE, (scope, deadline) ->
                DefaultUnitOfWork.startAndGet(deadline).execute(() -> handled.set(handle(deadline))));
        assertThat(handled).isTrue();
        assertThat(applied).isEmpty();
    }

    @Test
    void aPaidOrConfirmedOrderKeepsItsStockForItsSale() {
        given(PLACED, RESERVED, PAYING, new PaymentCompletedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, 200L, "tx-1"));
        assertThat(endHold(Ended.EXPIRED)).isFalse();
        given(PLACED, RESERVED, PAYING, new PaymentCompletedEvent(ORDER_ID, DEAL_ID, PAYMENT_ID, 200L, "tx-1"),
                new OrderConfirmedEvent(ORDER_ID, DEAL_ID, 2));
        assertThat(endHold(Ended.DEAL_CANCELED)).isFalse();
        assertThat(applied).isEmpty();
        assertThat(deadlines.getScheduledDeadlines()).isEmpty();
    }

    private boolean handle(org.axonframework.deadline.DeadlineMessage<?> deadline) {
        try {
            order.handle(deadline);
            return true;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
