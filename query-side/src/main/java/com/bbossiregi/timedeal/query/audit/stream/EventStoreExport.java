package com.bbossiregi.timedeal.query.audit.stream;

import com.bbossiregi.timedeal.api.audit.RecordedGlobalEvent;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reads the whole event store by global position and hands each wanted event to a sink as it is read. The storage
 * engine fetches in batches, so however long the range, only one batch is in memory at a time.
 */
@Component
public class EventStoreExport {

    /** Receives the exported events one by one; it may fail writing, which ends the export. */
    @FunctionalInterface
    public interface Sink {
        void accept(RecordedGlobalEvent event) throws IOException;
    }

    private final ObjectProvider<EventStorageEngine> storageEngine;
    private final RecordedEventConverter converter;

    /**
     * The engine is looked up when asked for, not required at start-up: with Axon Server (ADR 0005) there is no
     * storage engine bean, and the rest of the application must still start.
     */
    public EventStoreExport(ObjectProvider<EventStorageEngine> storageEngine, RecordedEventConverter converter) {
        this.storageEngine = storageEngine;
        this.converter = converter;
    }

    /** Whether this process reads its own event store; checked before an answer starts streaming. */
    public boolean isAvailable() {
        return storageEngine.getIfAvailable() != null;
    }

    /**
     * Sends the events from {@code request.from()}, in the order the store gives them, until {@code request.to()}
     * or {@code request.limit()} events. Events appear by ascending global position; the one exception is an event
     * whose transaction took its position early but committed while the export was running, which is sent when it
     * becomes visible, with its own (lower) position.
     *
     * @return how many events were sent
     */
    public long export(EventStoreExportRequest request, Sink sink) throws IOException {
        // The JDBC engine reads tokens as "everything after this index"; the start has no gaps, so nothing before
        // 'from' is read again.
        GapAwareTrackingToken start = GapAwareTrackingToken.newInstance(request.from() - 1, Collections.emptySortedSet());
        GlobalPositionTracker positions = new GlobalPositionTracker(start);
        long sent = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.getObject().readEvents(start, false)) {
            Iterator<? extends TrackedEventMessage<?>> reader = events.iterator();
            // The limit is checked before asking for more, so a full export never fetches one batch too many.
            while (sent < request.limit() && reader.hasNext()) {
                TrackedEventMessage<?> event = reader.next();
                long position = positions.positionOf(event);
                if (position >= request.to()) {
                    break;
                }
                if (isAggregateEvent(event) && request.includes(event.getPayloadType())) {
                    sink.accept(converter.toRecordedGlobalEvent(position, (DomainEventMessage<?>) event));
                    sent++;
                }
            }
        }
        return sent;
    }

    /**
     * Only events of an aggregate belong to a stream. The JDBC store reads any other event back as a plain tracked
     * event; one without an aggregate type is not an aggregate's either.
     */
    private static boolean isAggregateEvent(TrackedEventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domainEvent && domainEvent.getType() != null;
    }
}
