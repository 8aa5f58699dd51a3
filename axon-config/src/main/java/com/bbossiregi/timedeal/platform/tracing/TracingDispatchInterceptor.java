package com.bbossiregi.timedeal.platform.tracing;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * A command sent outside any handler (from an HTTP request's thread, where no unit of work hands out correlation
 * data) takes the context of the thread's current span, the request's.
 */
final class TracingDispatchInterceptor<M extends Message<?>> implements MessageDispatchInterceptor<M> {

    private final TraceContextCarrier carrier;

    TracingDispatchInterceptor(TraceContextCarrier carrier) {
        this.carrier = carrier;
    }

    @Override
    @SuppressWarnings("unchecked")
    public BiFunction<Integer, M, M> handle(List<? extends M> messages) {
        return (index, message) -> {
            Map<String, String> context = carrier.current();
            return context.isEmpty() ? message : (M) message.andMetaData(context);
        };
    }
}
