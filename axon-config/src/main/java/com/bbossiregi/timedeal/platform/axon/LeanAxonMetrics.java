package com.bbossiregi.timedeal.platform.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;

/**
 * Axon's Micrometer metrics, the same meters under the same names and tags, with two changes that cost less:
 * <ul>
 *   <li>the capacity of the processors, the command and query buses and the update emitter is taken over
 *   {@code timedeal.axon-metrics.capacity-window} instead of Axon's fixed ten minutes. Axon's {@link CapacityMonitor}
 *   keeps every message's handling time for its whole window, per component and payload type: with four processors
 *   seeing every event, ten minutes at a few thousand events a second was over 700 000 entries, the largest thing on
 *   the heap under the hot deal (a third of a 224 MB heap's live data);</li>
 *   <li>the events a processor has no handler for (most of what goes by it: the deals' read model sees every order's
 *   events) are counted (ingested, ignored) and move its latency, but are neither timed nor put in its capacity
 *   window: those two took about 3 % of the application's CPU under the hot deal for timings of nothing.
 *   {@code eventProcessor_ignoredTimer} therefore times only events of a handled type that the processor skipped (a
 *   segment of another node's, for instance).</li>
 * </ul>
 *
 * <p>Both apply to the registration with tags ({@code axon.metrics.micrometer.dimensional=true}, this application's
 * setting), which is {@link #registerComponentWithDefaultTags}; the registration by names alone is Axon's, unchanged.
 *
 * <p>Written here because Axon offers neither as a setting.
 */
public class LeanAxonMetrics extends GlobalMetricRegistry {

    private static final String EVENT_PROCESSOR = "eventProcessor";

    private final long windowMillis;
    private final Function<String, Optional<EventHandlerInvoker>> handlersOf;

    /**
     * @param handlersOf a processor's handlers by its name, asked when its first events go by (empty while the
     *                   processor is not built yet: its events are then monitored in full)
     */
    public LeanAxonMetrics(MeterRegistry registry, Duration capacityWindow,
                           Function<String, Optional<EventHandlerInvoker>> handlersOf) {
        super(registry);
        this.windowMillis = capacityWindow.toMillis();
        this.handlersOf = handlersOf;
    }

    @Override
    public MessageMonitor<? extends Message<?>> registerComponentWithDefaultTags(Class<?> componentType,
                                                                                String componentName) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            return eventProcessor(componentName);
        }
        if (QueryUpdateEmitter.class.isAssignableFrom(componentType)) {
            return handlerMonitors(componentName, TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION);
        }
        return super.registerComponentWithDefaultTags(componentType, componentName);
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(
            String commandBusName, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return handlerMonitors(commandBusName, tagsBuilder);
    }

    @Override
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(
            String queryBusName, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return handlerMonitors(queryBusName, tagsBuilder);
    }

    /** Axon's monitors of one processor, tagged as Axon tags them; its ignored types skip the timer and capacity. */
    private MessageMonitor<EventMessage<?>> eventProcessor(String processorName) {
        Function<Message<?>, Iterable<Tag>> tags = message -> Tags.of(
                TagsUtil.PAYLOAD_TYPE_TAG, message.getPayloadType().getSimpleName(),
                TagsUtil.PROCESSOR_NAME_TAG, processorName);
        Function<Message<?>, Iterable<Tag>> latencyTags = message -> Tags.of(TagsUtil.PROCESSOR_NAME_TAG, processorName);
        EventProcessorLatencyMonitor latency = latency(EVENT_PROCESSOR, latencyTags);
        MessageCountingMonitor counting = MessageCountingMonitor.buildMonitor(EVENT_PROCESSOR, getRegistry(), tags);
        MessageMonitor<EventMessage<?>> handled = new MultiMessageMonitor<>(List.<MessageMonitor<? super EventMessage<?>>>of(
                MessageTimerMonitor.buildMonitor(EVENT_PROCESSOR, getRegistry(), tags),
                latency,
                capacity(EVENT_PROCESSOR, tags),
                counting));
        MessageMonitor<EventMessage<?>> ignored =
                new MultiMessageMonitor<>(List.<MessageMonitor<? super EventMessage<?>>>of(latency, counting));
        HandledTypes types = new HandledTypes(processorName);
        return message -> (types.handles(message.getPayloadType()) ? handled : ignored).onMessageIngested(message);
    }

    /** What Axon registers for a component that handles messages: a timer, the capacity and the counters. */
    private MessageMonitor<Message<?>> handlerMonitors(String name, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(name, getRegistry(), tagsBuilder),
                capacity(name, tagsBuilder),
                MessageCountingMonitor.buildMonitor(name, getRegistry(), tagsBuilder)));
    }

    private EventProcessorLatencyMonitor latency(String name, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return EventProcessorLatencyMonitor.builder()
                .meterNamePrefix(name)
                .meterRegistry(getRegistry())
                .tagsBuilder(tagsBuilder)
                .build();
    }

    private CapacityMonitor capacity(String name, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return CapacityMonitor.buildMonitor(name, getRegistry(), windowMillis, TimeUnit.MILLISECONDS, tagsBuilder);
    }

    /** The payload types one processor has a handler for, asked of its handlers once per type. */
    private final class HandledTypes {

        private final String processorName;
        private final Map<Class<?>, Boolean> known = new ConcurrentHashMap<>();

        HandledTypes(String processorName) {
            this.processorName = processorName;
        }

        boolean handles(Class<?> payloadType) {
            Boolean handles = known.get(payloadType);
            if (handles != null) {
                return handles;
            }
            Optional<EventHandlerInvoker> handlers = handlersOf.apply(processorName);
            if (handlers.isEmpty()) {
                return true;
            }
            boolean answer = handlers.get().canHandleType(payloadType);
            known.put(payloadType, answer);
            return answer;
        }
    }
}
