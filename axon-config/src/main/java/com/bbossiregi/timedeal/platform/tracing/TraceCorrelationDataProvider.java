package com.bbossiregi.timedeal.platform.tracing;

import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Every message a handler sends (a command from the saga, an event an aggregate applies, a deadline it schedules)
 * carries the context of the span that handles the message at hand, which {@link TracingHandlerInterceptor} opened.
 */
final class TraceCorrelationDataProvider implements CorrelationDataProvider {

    private final TraceContextCarrier carrier;

    TraceCorrelationDataProvider(TraceContextCarrier carrier) {
        this.carrier = carrier;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        return carrier.current();
    }
}
