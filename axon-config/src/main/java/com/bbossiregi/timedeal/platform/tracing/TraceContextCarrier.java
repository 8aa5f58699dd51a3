package com.bbossiregi.timedeal.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * Writes the current span's context into message metadata and reads it back, in the propagator's own format (W3C
 * {@code traceparent}; Axon's own {@code traceId} metadata key, the first message's id, is a different thing and is left
 * alone). Public for what sends one message on behalf of several requests (group commit), which records each
 * request's own context in that request's part of the message.
 */
public final class TraceContextCarrier {

    private final Tracer tracer;
    private final Propagator propagator;

    TraceContextCarrier(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    Tracer tracer() {
        return tracer;
    }

    /** @return the current span's context as metadata entries, empty without a current span */
    public Map<String, String> current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return Map.of();
        }
        Map<String, String> entries = new HashMap<>(4);
        propagator.inject(span.context(), entries, Map::put);
        return entries;
    }

    /** A span continuing the trace the metadata carries, or starting one when it carries none. */
    Span.Builder continuing(MetaData metaData) {
        return propagator.extract(metaData, (carrier, key) -> {
            Object value = carrier.get(key);
            return value == null ? null : value.toString();
        });
    }
}
