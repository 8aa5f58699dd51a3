package com.bbossiregi.timedeal.query.audit.stream;

import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.ORDER_ID;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.dealEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.bbossiregi.timedeal.api.audit.RecordedEvent;
import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.common.PageMeta;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeDealEventStreamControllerTest {

    private final EventStore eventStore = mock(EventStore.class);
    private final TimeDealEventStreamController controller =
            new TimeDealEventStreamController(eventStore, new RecordedEventConverter(AppObjectMapper.get()));

    @Test
    void aPageIsReadFromItsFirstSequenceAndHoldsAtMostPerPageEvents() {
        when(eventStore.lastSequenceNumberFor("timedeal-1")).thenReturn(Optional.of(6L));
        AtomicInteger read = new AtomicInteger();
        Stream<DomainEventMessage<?>> fromSequenceTwo = Stream.iterate(2L, sequence -> sequence + 1)
                .limit(5)
                .<DomainEventMessage<?>>map(sequence -> dealEvent(sequence, sequence % 2 == 0
                        ? new StockReservedEvent(1, ORDER_ID, 1, 1L) : new StockReleasedEvent(1, ORDER_ID, 1), Actor.SYSTEM))
                .peek(event -> read.incrementAndGet());
        when(eventStore.readEvents("timedeal-1", 2L)).thenReturn(DomainEventStream.of(fromSequenceTwo));

        var response = controller.events("1", 2, 2);

        assertThat(response.data()).extracting(RecordedEvent::sequence).containsExactly(2L, 3L);
        assertThat(response.data()).extracting(RecordedEvent::eventType).containsExactly("STOCK_RESERVED", "STOCK_RELEASED");
        assertThat(response.data().get(0).payload()).containsOnlyKeys("order_id", "quantity", "user_id", "hold_ends_at");
        assertThat(response.meta()).isEqualTo(new PageMeta(7, 2, 2, 4));
        // The stream may look one event ahead, never further.
        assertThat(read.get()).isLessThanOrEqualTo(3);
        verify(eventStore).readEvents("timedeal-1", 2L);
    }

    @Test
    void aPageAfterTheEndIsEmptyWithTheTotal() {
        when(eventStore.lastSequenceNumberFor("timedeal-1")).thenReturn(Optional.of(2L));
        when(eventStore.readEvents("timedeal-1", 50L)).thenReturn(DomainEventStream.empty());

        var response = controller.events("1", 2, 50);

        assertThat(response.data()).isEmpty();
        assertThat(response.meta()).isEqualTo(new PageMeta(3, 2, 50, 1));
    }

    @Test
    void aDealWithoutEventsIsNotFound() {
        when(eventStore.lastSequenceNumberFor(anyString())).thenReturn(Optional.empty());

        assertThatThrownBy(() -> controller.events("999999", 1, 50))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "timedeal-1"})
    void aMalformedDealIdIsABadRequest(String id) {
        assertThatThrownBy(() -> controller.events(id, 1, 50))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        verifyNoInteractions(eventStore);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101})
    void perPageOutsideOneToAHundredIsABadRequest(int perPage) {
        assertThatThrownBy(() -> controller.events("1", 1, perPage))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }
}
