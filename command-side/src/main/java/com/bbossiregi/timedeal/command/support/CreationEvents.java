package com.bbossiregi.timedeal.command.support;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads the first event of a stream: what a product or a deal was created with (prices, stock, window), which never
 * changes afterwards. Read from the event store itself, so it holds on every node; kept in memory once found.
 */
@Component
public class CreationEvents {

    private final EventStore eventStore;
    private final Map<String, Object> known = new ConcurrentHashMap<>();

    public CreationEvents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public <T> Optional<T> of(String streamId, Class<T> creationEvent) {
        Object cached = known.get(streamId);
        if (cached == null) {
            cached = readFirst(streamId);
            if (cached == null) {
                return Optional.empty();
            }
            known.put(streamId, cached);
        }
        return creationEvent.isInstance(cached) ? Optional.of(creationEvent.cast(cached)) : Optional.empty();
    }

    private Object readFirst(String streamId) {
        DomainEventStream stream = eventStore.readEvents(streamId, 0);
        if (!stream.hasNext()) {
            return null;
        }
        DomainEventMessage<?> first = stream.next();
        return first.getSequenceNumber() == 0 ? first.getPayload() : null;
    }
}
