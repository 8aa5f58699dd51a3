package com.bbossiregi.timedeal.platform.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;

/**
 * Axon's Micrometer metrics, the same meters under the same names and tags, with three changes that cost less:
 * <ul>
 *   <li>the capacity of the processors, the command and query buses and the update emitter is taken over
 *   {@code timedeal.axon-metrics.capacity-window} instead of Axon's fixed ten minutes. Axon's {@link CapacityMonitor}
 *   keeps every message's handling time for its whole window, per component and payload type: with four processors
 *   seeing every event, ten minutes at a few thousand events a second was over 700 000 entries, the largest thing on
 *   the heap under the hot deal (a third of a 224 MB heap's live data). The window is kept in buckets, not an entry
 *   per message ({@link BusyWindow});</li>
 *   <li>the events a processor has no handler for (most of what goes by it: the deals' read model sees every order's
 *   events) are counted (ingested, ignored) and move its latency, but are neither timed nor put in its capacity
 *   window: those two took about 3 % of the application's CPU under the hot deal for timings of nothing.
 *   {@code eventProcessor_ignoredTimer} therefore times only events of a handled type that the processor skipped (a
 *   segment of another node's, for instance);</li>
 *   <li>the meters of a payload type are looked up on its first message and kept ({@link PayloadTypeMeters}), where
 *   Axon's monitors build and look up each meter again for every message.</li>
 * </ul>
 *
 * <p>These apply to the registration with tags ({@code axon.metrics.micrometer.dimensional=true}, this application's
 * setting), which is {@link #registerComponentWithDefaultTags}, and to buses registered with Axon's payload-type tags;
 * the registration by names alone, and buses given other tags, keep Axon's monitors (with the bounded capacity).
 *
 * <p>Written here because Axon offers none of these as a setting.
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

    /** As Axon's: counters without tags, timers by payload type. */
    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventBus(
            String eventBusName, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        if (tagsBuilder != TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION) {
            return super.registerEventBus(eventBusName, tagsBuilder);
        }
        return new MultiMessageMonitor<>(List.<MessageMonitor<? super EventMessage<?>>>of(
                new PayloadTypeMeters(eventBusName, getRegistry(), type -> Tags.empty(),
                        PayloadTypeMeters.Parts.COUNTERS, windowMillis),
                new PayloadTypeMeters(eventBusName, getRegistry(), LeanAxonMetrics::payloadTypeTags,
                        PayloadTypeMeters.Parts.TIMERS, windowMillis)));
    }

    /** Axon's monitors of one processor, tagged as Axon tags them; its ignored types skip the timer and capacity. */
    private MessageMonitor<EventMessage<?>> eventProcessor(String processorName) {
        Function<Class<?>, Tags> tags = type -> payloadTypeTags(type).and(TagsUtil.PROCESSOR_NAME_TAG, processorName);
        PayloadTypeMeters handled = new PayloadTypeMeters(EVENT_PROCESSOR, getRegistry(), tags,
                PayloadTypeMeters.Parts.ALL, windowMillis);
        PayloadTypeMeters ignored = new PayloadTypeMeters(EVENT_PROCESSOR, getRegistry(), tags,
                PayloadTypeMeters.Parts.COUNTERS, windowMillis);
        Latency latency = new Latency(Tags.of(TagsUtil.PROCESSOR_NAME_TAG, processorName));
        HandledTypes types = new HandledTypes(processorName);
        return message -> {
            latency.of(message);
            return (types.handles(message.getPayloadType()) ? handled : ignored).onMessageIngested(message);
        };
    }

    /**
     * What Axon registers for a component that handles messages: a timer, the capacity and the counters; looked up
     * once per payload type when tagged by it, as Axon tags them by default.
     */
    private MessageMonitor<Message<?>> handlerMonitors(String name, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        if (tagsBuilder == TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION) {
            return new PayloadTypeMeters(name, getRegistry(), LeanAxonMetrics::payloadTypeTags,
                    PayloadTypeMeters.Parts.ALL, windowMillis);
        }
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(name, getRegistry(), tagsBuilder),
                CapacityMonitor.buildMonitor(name, getRegistry(), windowMillis, TimeUnit.MILLISECONDS, tagsBuilder),
                MessageCountingMonitor.buildMonitor(name, getRegistry(), tagsBuilder)));
    }

    /** The tags Axon's {@link TagsUtil#PAYLOAD_TYPE_TAGGER_FUNCTION} gives a message of this type. */
    private static Tags payloadTypeTags(Class<?> payloadType) {
        return Tags.of(TagsUtil.PAYLOAD_TYPE_TAG, payloadType.getSimpleName());
    }

    /**
     * A processor's latency as Axon's {@code EventProcessorLatencyMonitor} gauges it (now minus the last event's
     * timestamp), registered on its first event instead of on every one.
     */
    private final class Latency {

        private final Tags tags;
        private final AtomicLong millis = new AtomicLong();
        private volatile boolean registered;

        Latency(Tags tags) {
            this.tags = tags;
        }

        void of(EventMessage<?> event) {
            millis.set(Clock.SYSTEM.wallTime() - event.getTimestamp().toEpochMilli());
            if (!registered) {
                Gauge.builder(EVENT_PROCESSOR + ".latency", millis, AtomicLong::get)
                        .tags(tags).strongReference(true).register(getRegistry());
                registered = true;
            }
        }
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
