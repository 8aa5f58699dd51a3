package com.bbossiregi.timedeal.query.audit.stream;

import com.bbossiregi.timedeal.api.audit.EventTypes;
import com.bbossiregi.timedeal.api.audit.EventTypes.EventType;
import com.bbossiregi.timedeal.api.audit.EventTypes.StreamType;
import com.bbossiregi.timedeal.api.audit.RecordedEvent;
import com.bbossiregi.timedeal.api.audit.RecordedGlobalEvent;
import com.bbossiregi.timedeal.api.common.Actor;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

/**
 * The one place a stored event becomes what auditors read, for the per-stream endpoints and the whole-store export
 * alike. The payload goes through the HTTP {@link ObjectMapper}, so it has the same snake_case names and lower-case
 * enum values as every other response, whatever the stored (camelCase) form is.
 */
@Component
public class RecordedEventConverter {

    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    /** The prefixes {@link com.bbossiregi.timedeal.api.common.StreamIds} gives deal and product streams. */
    private static final String TIME_DEAL_STREAM_PREFIX = "timedeal-";
    private static final String PRODUCT_STREAM_PREFIX = "product-";

    private final ObjectMapper objectMapper;

    public RecordedEventConverter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public RecordedEvent toRecordedEvent(DomainEventMessage<?> event) {
        Actor actor = Actor.fromMetaData(event.getMetaData());
        return new RecordedEvent(event.getSequenceNumber(), eventTypeName(event.getPayloadType()),
                payloadOf(event.getPayload(), streamTypeOf(event)), actor.actorId(), actor.actorType(),
                event.getTimestamp());
    }

    public RecordedGlobalEvent toRecordedGlobalEvent(long globalPosition, DomainEventMessage<?> event) {
        return RecordedGlobalEvent.of(globalPosition, event.getAggregateIdentifier(), streamTypeOf(event),
                toRecordedEvent(event));
    }

    /** The public name, or the class's simple name for an event nobody named yet, so it still shows up. */
    static String eventTypeName(Class<?> payloadType) {
        return EventTypes.of(payloadType).map(EventType::name).orElse(payloadType.getSimpleName());
    }

    static StreamType streamTypeOf(DomainEventMessage<?> event) {
        return EventTypes.of(event.getPayloadType())
                .map(EventType::streamType)
                .orElseGet(() -> streamTypeOfId(event.getAggregateIdentifier()));
    }

    private static StreamType streamTypeOfId(String streamId) {
        if (streamId.startsWith(TIME_DEAL_STREAM_PREFIX)) {
            return StreamType.TIME_DEAL;
        }
        if (streamId.startsWith(PRODUCT_STREAM_PREFIX)) {
            return StreamType.PRODUCT;
        }
        return StreamType.ORDER;
    }

    /**
     * The payload as a JSON object in the API's style, without the id of the stream's own aggregate: the reader
     * already knows which order or deal they asked for, and ids of other aggregates (a deal's order id, an order's
     * deal id) stay.
     */
    Map<String, Object> payloadOf(Object payload, StreamType streamType) {
        LinkedHashMap<String, Object> fields = objectMapper.convertValue(payload, JSON_OBJECT);
        fields.remove(ownIdField(streamType));
        return fields;
    }

    /** The JSON name (after snake_casing) of the field that repeats the stream's own id. */
    static String ownIdField(StreamType streamType) {
        return switch (streamType) {
            case ORDER -> "order_id";
            case TIME_DEAL -> "time_deal_id";
            case PRODUCT -> "product_id";
        };
    }
}
