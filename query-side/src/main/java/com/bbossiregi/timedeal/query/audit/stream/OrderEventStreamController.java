package com.bbossiregi.timedeal.query.audit.stream;

import com.bbossiregi.timedeal.api.audit.RecordedEvent;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An order's own history, read from the event store rather than from a read model, so it shows exactly what was
 * recorded. Visible to the order's shopper and to administrators.
 */
@RestController
@RequestMapping("/api/v1/orders")
public class OrderEventStreamController {

    private final EventStore eventStore;
    private final RecordedEventConverter converter;

    public OrderEventStreamController(EventStore eventStore, RecordedEventConverter converter) {
        this.eventStore = eventStore;
        this.converter = converter;
    }

    @GetMapping("/{id}/events")
    public ApiResponse<List<RecordedEvent>> events(@PathVariable("id") String id, AuthenticatedUser caller) {
        // From sequence 0 rather than readEvents(id), which would start at a snapshot and hide the early events.
        List<? extends DomainEventMessage<?>> stream = eventStore.readEvents(StreamIds.requireOrderId(id), 0).asStream().toList();
        ensureVisibleTo(stream, caller);
        return ApiResponse.of(stream.stream().<RecordedEvent>map(converter::toRecordedEvent).toList());
    }

    /**
     * The owner is only known from the first event. A stream that does not start with an order's placement is no
     * order at all (ids share one store, so {@code timedeal-1} names a deal's stream) and is not found for anyone.
     */
    static void ensureVisibleTo(List<? extends DomainEventMessage<?>> stream, AuthenticatedUser caller) {
        if (stream.isEmpty() || !(stream.get(0).getPayload() instanceof OrderPlacedEvent placed)) {
            throw DomainException.notFound("Order");
        }
        if (placed.userId() != caller.userId() && !caller.isAdmin()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "The order belongs to another user");
        }
    }
}
