package com.bbossiregi.timedeal.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles each message in a span continuing the trace the message carries, so the trace id (and span id) is in the
 * MDC, hence in every log line, while the handler runs, and travels on with whatever the handler sends. At debug level
 * it logs each message it lets through, with the component handling it (a deadline by its name).
 */
final class TracingHandlerInterceptor<M extends Message<?>> implements MessageHandlerInterceptor<M> {

    private static final Logger log = LoggerFactory.getLogger(TracingHandlerInterceptor.class);

    private final TraceContextCarrier carrier;
    private final String component;

    TracingHandlerInterceptor(TraceContextCarrier carrier, String component) {
        this.carrier = carrier;
        this.component = component;
    }

    @Override
    public Object handle(UnitOfWork<? extends M> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        Message<?> message = unitOfWork.getMessage();
        Tracer tracer = carrier.tracer();
        String handled = message instanceof DeadlineMessage<?> deadline
                ? deadline.getDeadlineName() : message.getPayloadType().getSimpleName();
        Span span = carrier.continuing(message.getMetaData()).name(component + " " + handled).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            if (log.isDebugEnabled()) {
                log.debug("{} handles {}", component, handled);
            }
            return interceptorChain.proceed();
        } catch (Exception | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
