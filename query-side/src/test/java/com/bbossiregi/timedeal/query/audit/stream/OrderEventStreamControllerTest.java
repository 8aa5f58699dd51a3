package com.bbossiregi.timedeal.query.audit.stream;

import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.ORDER_ID;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.dealEvent;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.orderEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.bbossiregi.timedeal.api.audit.RecordedEvent;
import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import java.time.Instant;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

class OrderEventStreamControllerTest {

    private static final long OWNER = 2;
    private static final Actor SHOPPER = Actor.user(OWNER);

    private final EventStore eventStore = mock(EventStore.class);
    private final OrderEventStreamController controller =
            new OrderEventStreamController(eventStore, new RecordedEventConverter(AppObjectMapper.get()));

    @Test
    void theOwnerReadsACanceledOrdersWholeStreamInOrder() {
        when(eventStore.readEvents(ORDER_ID, 0)).thenReturn(DomainEventStream.of(
                orderEvent(0, new OrderPlacedEvent(ORDER_ID, OWNER, 1, 2, 29900, 59800), SHOPPER),
                orderEvent(1, new OrderReservedEvent(ORDER_ID, 1, 2), SHOPPER),
                orderEvent(2, new OrderStockReleasedEvent(ORDER_ID, 1, 2), SHOPPER),
                orderEvent(3, new OrderCanceledEvent(ORDER_ID, 1, CancellationReason.USER_REQUESTED), SHOPPER)));

        var events = controller.events(ORDER_ID, new AuthenticatedUser(OWNER, AuthenticatedUser.USER)).data();

        assertThat(events).extracting(RecordedEvent::eventType)
                .containsExactly("CREATED", "STOCK_RESERVED", "STOCK_RELEASED", "CANCELED");
        assertThat(events).extracting(RecordedEvent::sequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(events.get(0).payload()).doesNotContainKey("order_id").containsEntry("user_id", OWNER);
    }

    @Test
    void anAdministratorReadsAnyOrdersStream() {
        when(eventStore.readEvents(ORDER_ID, 0)).thenReturn(DomainEventStream.of(
                orderEvent(0, new OrderPlacedEvent(ORDER_ID, OWNER, 1, 2, 29900, 59800), SHOPPER)));

        assertThat(controller.events(ORDER_ID, new AuthenticatedUser(1, AuthenticatedUser.ADMIN)).data()).hasSize(1);
    }

    @Test
    void anotherShopperIsForbidden() {
        when(eventStore.readEvents(ORDER_ID, 0)).thenReturn(DomainEventStream.of(
                orderEvent(0, new OrderPlacedEvent(ORDER_ID, OWNER, 1, 2, 29900, 59800), SHOPPER)));

        assertThatThrownBy(() -> controller.events(ORDER_ID, new AuthenticatedUser(OWNER + 1, AuthenticatedUser.USER)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void anOrderWithoutEventsIsNotFound() {
        when(eventStore.readEvents(anyString(), anyLong())).thenReturn(DomainEventStream.empty());

        assertThatThrownBy(() -> controller.events("no-such-order", new AuthenticatedUser(1, AuthenticatedUser.ADMIN)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aStreamThatIsNoOrderIsNotFoundEvenForAnAdministrator() {
        Instant start = Instant.parse("2026-02-27T14:00:00Z");
        when(eventStore.readEvents("timedeal-1", 0)).thenReturn(DomainEventStream.of(dealEvent(0,
                new TimeDealCreatedEvent(1, 1, 45000, 29900, 34, 100, start, start.plusSeconds(60), TimeDealStatus.ACTIVE, null),
                Actor.admin(1))));

        assertThatThrownBy(() -> controller.events("timedeal-1", new AuthenticatedUser(1, AuthenticatedUser.ADMIN)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
