package com.bbossiregi.timedeal.platform.axon;

import java.util.List;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.Segment;

/**
 * An event processor's handlers as Axon built them, answering the two questions whose answers depend on nothing but
 * the handlers, which are fixed once built, from what they answered the first time: whether they support a reset, and
 * whether any of them handles a payload type. Everything else goes to them unchanged.
 * <p>
 * Axon's processors ask the first for every event they see ({@code MultiEventHandlerInvoker.canHandle} asks before it
 * looks whether the event is a replay at all) and a tracking processor asks the second for every event it has no
 * handler for (most of what the deal listing sees: every order's events); the annotated handlers work both answers out
 * again each time by streaming over all their handler methods. Together 3 % of the application's samples under the hot
 * deal (docs/benchmarks.md round 35). Written here because Axon has no setting for it; the processors get it from
 * {@link PromptRetry}'s processing module.
 */
final class KnownHandlers implements EventHandlerInvoker {

    private final EventHandlerInvoker handlers;
    private final ClassValue<Boolean> handlesType = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> payloadType) {
            return handlers.canHandleType(payloadType);
        }
    };
    private volatile Boolean supportsReset;

    private KnownHandlers(EventHandlerInvoker handlers) {
        this.handlers = handlers;
    }

    /** The processor's invoker with each of the handler invokers it combines answering from what it knows. */
    static EventHandlerInvoker around(EventHandlerInvoker invoker) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            List<EventHandlerInvoker> known = multi.delegates().stream().map(KnownHandlers::around).toList();
            return new MultiEventHandlerInvoker(known);
        }
        return invoker instanceof KnownHandlers ? invoker : new KnownHandlers(invoker);
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return handlesType.get(payloadType);
    }

    @Override
    public boolean supportsReset() {
        Boolean known = supportsReset;
        if (known == null) {
            known = handlers.supportsReset();
            supportsReset = known;
        }
        return known;
    }

    @Override
    public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
        return handlers.canHandle(eventMessage, segment);
    }

    @Override
    public void handle(EventMessage<?> message, Segment segment) throws Exception {
        handlers.handle(message, segment);
    }

    @Override
    public void performReset() {
        handlers.performReset();
    }

    @Override
    public <R> void performReset(R resetContext) {
        handlers.performReset(resetContext);
    }

    @Override
    public void segmentReleased(Segment segment) {
        handlers.segmentReleased(segment);
    }
}
