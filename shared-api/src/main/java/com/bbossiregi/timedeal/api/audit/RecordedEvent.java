package com.bbossiregi.timedeal.api.audit;

import com.bbossiregi.timedeal.api.common.ActorType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of a stream as auditors read it: {@code {"sequence":0,"event_type":"CREATED","payload":{...},
 * "actor_id":"2","actor_type":"user","created_at":"2026-02-27T14:05:00Z"}}.
 *
 * @param sequence  the event's place in its own stream, from 0
 * @param eventType the public name from {@link EventTypes}
 * @param payload   the event's fields in the API's JSON style, without the id of the stream's own aggregate (the
 *                  reader already knows it); kept as a plain map so this module stays free of a JSON library
 * @param actorId   who caused it: a user id, or {@code system}
 * @param actorType what kind of actor that was
 * @param createdAt when the event was recorded
 */
public record RecordedEvent(
        long sequence,
        String eventType,
        Map<String, Object> payload,
        String actorId,
        ActorType actorType,
        Instant createdAt) {

    public RecordedEvent {
        // Payload fields may be null (an optional description), which Map.copyOf refuses; the order is the JSON order.
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }
}
