package com.bbossiregi.timedeal.query.audit.stream;

import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.MAX_GAP_OFFSET;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.ORDER_ID;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.dealEvent;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.orderEvent;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.tracked;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.trackedNonAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.bbossiregi.timedeal.api.audit.EventTypes.StreamType;
import com.bbossiregi.timedeal.api.audit.RecordedGlobalEvent;
import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class EventStoreExportTest {

    private static final Actor SHOPPER = Actor.user(2);

    private final EventStorageEngine storageEngine = mock(EventStorageEngine.class);
    private final EventStoreExport export =
            new EventStoreExport(StoredEvents.provided(EventStorageEngine.class, storageEngine), new RecordedEventConverter(AppObjectMapper.get()));
    private final List<RecordedGlobalEvent> lines = new ArrayList<>();

    @Test
    void readingStartsRightBeforeFromWithoutBlockingForNewEvents() throws IOException {
        storeHolds(Stream.empty());

        export.export(EventStoreExportRequest.parse("17", null, null, null), lines::add);

        ArgumentCaptor<TrackingToken> start = ArgumentCaptor.forClass(TrackingToken.class);
        verify(storageEngine).readEvents(start.capture(), eq(false));
        assertThat(start.getValue()).isEqualTo(GapAwareTrackingToken.newInstance(16, Collections.emptySortedSet()));
    }

    @Test
    void eachLineCarriesItsGlobalPositionAndStream() throws IOException {
        GapAwareTrackingToken first = after(0).advanceTo(1, MAX_GAP_OFFSET);
        GapAwareTrackingToken second = first.advanceTo(4, MAX_GAP_OFFSET);
        storeHolds(Stream.of(
                tracked(first, orderEvent(0, new OrderPlacedEvent(ORDER_ID, 2, 1, 2, 29900, 59800), SHOPPER)),
                tracked(second, dealEvent(3, new StockReservedEvent(1, ORDER_ID, 2, 1L), SHOPPER))));

        assertThat(export.export(EventStoreExportRequest.parse(null, null, null, null), lines::add)).isEqualTo(2);

        assertThat(lines).extracting(RecordedGlobalEvent::globalPosition).containsExactly(1L, 4L);
        assertThat(lines).extracting(RecordedGlobalEvent::streamId).containsExactly(ORDER_ID, "timedeal-1");
        assertThat(lines).extracting(RecordedGlobalEvent::streamType).containsExactly(StreamType.ORDER, StreamType.TIME_DEAL);
        assertThat(lines).extracting(RecordedGlobalEvent::sequence).containsExactly(0L, 3L);
        assertThat(lines.get(1).payload()).containsOnlyKeys("order_id", "quantity", "user_id", "hold_ends_at");
    }

    @Test
    void theExportStopsAtTheLimitWithoutReadingFurther() throws IOException {
        AtomicInteger read = new AtomicInteger();
        AtomicBoolean closed = new AtomicBoolean();
        storeHolds(endlessOrderEvents().peek(event -> read.incrementAndGet()).onClose(() -> closed.set(true)));

        assertThat(export.export(EventStoreExportRequest.parse(null, null, null, "3"), lines::add)).isEqualTo(3);

        assertThat(lines).extracting(RecordedGlobalEvent::globalPosition).containsExactly(1L, 2L, 3L);
        assertThat(read).hasValue(3);
        assertThat(closed).isTrue();
    }

    @Test
    void theExportStopsBeforeTo() throws IOException {
        AtomicInteger read = new AtomicInteger();
        storeHolds(endlessOrderEvents().peek(event -> read.incrementAndGet()));

        export.export(EventStoreExportRequest.parse("1", "5", null, null), lines::add);

        assertThat(lines).extracting(RecordedGlobalEvent::globalPosition).containsExactly(1L, 2L, 3L, 4L);
        assertThat(read).hasValue(5);
    }

    @Test
    void aTypeFilterCountsOnlyMatchingLinesTowardsTheLimit() throws IOException {
        storeHolds(endlessOrderEvents());

        export.export(EventStoreExportRequest.parse(null, null, "canceled", "2"), lines::add);

        // Every third endless event is a cancellation.
        assertThat(lines).extracting(RecordedGlobalEvent::eventType).containsExactly("CANCELED", "CANCELED");
        assertThat(lines).extracting(RecordedGlobalEvent::globalPosition).containsExactly(3L, 6L);
    }

    @Test
    void eventsOutsideAnyAggregateAreSkipped() throws IOException {
        GapAwareTrackingToken first = after(0).advanceTo(1, MAX_GAP_OFFSET);
        GapAwareTrackingToken second = first.advanceTo(2, MAX_GAP_OFFSET);
        storeHolds(Stream.of(
                trackedNonAggregate(first, "a notice published outside any aggregate"),
                tracked(second, orderEvent(1, new OrderReservedEvent(ORDER_ID, 1, 2), SHOPPER))));

        assertThat(export.export(EventStoreExportRequest.parse(null, null, null, "1"), lines::add)).isEqualTo(1);

        assertThat(lines).extracting(RecordedGlobalEvent::globalPosition).containsExactly(2L);
    }

    @Test
    void anEventCommittedLateIntoAGapKeepsItsOwnPosition() throws IOException {
        GapAwareTrackingToken first = after(0).advanceTo(1, MAX_GAP_OFFSET);
        GapAwareTrackingToken third = first.advanceTo(3, MAX_GAP_OFFSET);
        GapAwareTrackingToken secondFilledLate = third.advanceTo(2, MAX_GAP_OFFSET);
        GapAwareTrackingToken fourth = secondFilledLate.advanceTo(4, MAX_GAP_OFFSET);
        storeHolds(Stream.of(
                tracked(first, orderEvent(0, new OrderPlacedEvent(ORDER_ID, 2, 1, 2, 29900, 59800), SHOPPER)),
                tracked(third, dealEvent(0, new StockReservedEvent(1, ORDER_ID, 2, 1L), SHOPPER)),
                tracked(secondFilledLate, orderEvent(1, new OrderReservedEvent(ORDER_ID, 1, 2), SHOPPER)),
                tracked(fourth, orderEvent(2, new OrderCanceledEvent(ORDER_ID, 1, CancellationReason.USER_REQUESTED),
                        SHOPPER))));

        export.export(EventStoreExportRequest.parse(null, null, null, null), lines::add);

        assertThat(lines).extracting(RecordedGlobalEvent::globalPosition).containsExactly(1L, 3L, 2L, 4L);
    }

    @Test
    void aFailingSinkEndsTheExportAndClosesTheRead() {
        AtomicBoolean closed = new AtomicBoolean();
        storeHolds(endlessOrderEvents().onClose(() -> closed.set(true)));

        assertThatThrownBy(() -> export.export(
                        EventStoreExportRequest.parse(null, null, null, null), line -> {
                            throw new IOException("client went away");
                        }))
                .isInstanceOf(IOException.class);
        assertThat(closed).isTrue();
    }

    private void storeHolds(Stream<? extends TrackedEventMessage<?>> events) {
        doReturn(events).when(storageEngine).readEvents(any(TrackingToken.class), anyBoolean());
    }

    private static GapAwareTrackingToken after(long position) {
        return GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet());
    }

    /** Positions 1, 2, 3, ... without gaps: placed, reserved, canceled, over and over. */
    private static Stream<TrackedEventMessage<?>> endlessOrderEvents() {
        return Stream.iterate(1L, position -> position + 1).map(position -> {
            GapAwareTrackingToken token = after(position - 1).advanceTo(position, MAX_GAP_OFFSET);
            Object payload = switch ((int) (position % 3)) {
                case 1 -> new OrderPlacedEvent(ORDER_ID, 2, 1, 1, 29900, 29900);
                case 2 -> new OrderReservedEvent(ORDER_ID, 1, 1);
                default -> new OrderCanceledEvent(ORDER_ID, 1, CancellationReason.USER_REQUESTED);
            };
            return tracked(token, orderEvent(position - 1, payload, SHOPPER));
        });
    }
}
