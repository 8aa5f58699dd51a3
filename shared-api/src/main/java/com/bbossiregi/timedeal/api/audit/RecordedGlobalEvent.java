package com.bbossiregi.timedeal.api.audit;

import com.bbossiregi.timedeal.api.audit.EventTypes.StreamType;
import com.bbossiregi.timedeal.api.common.ActorType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as the whole-store export shows it: a {@link RecordedEvent} plus where it sits in the store
 * ({@code global_position}) and which stream it belongs to.
 *
 * @param globalPosition the event's position in the whole store; positions ascend but may skip numbers
 * @param streamId       the aggregate's stream: an order's UUID, {@code timedeal-<id>} or {@code product-<id>}
 * @param streamType     which kind of aggregate the stream belongs to
 */
public record RecordedGlobalEvent(
        long globalPosition,
        String streamId,
        StreamType streamType,
        long sequence,
        String eventType,
        Map<String, Object> payload,
        String actorId,
        ActorType actorType,
        Instant createdAt) {

    public RecordedGlobalEvent {
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    public static RecordedGlobalEvent of(long globalPosition, String streamId, StreamType streamType,
                                         RecordedEvent event) {
        return new RecordedGlobalEvent(globalPosition, streamId, streamType, event.sequence(), event.eventType(),
                event.payload(), event.actorId(), event.actorType(), event.createdAt());
    }
}
