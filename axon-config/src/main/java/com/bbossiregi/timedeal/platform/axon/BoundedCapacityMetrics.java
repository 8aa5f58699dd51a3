package com.bbossiregi.timedeal.platform.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
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
 * Axon's Micrometer metrics, the same meters under the same names and tags, with one change: the capacity of the
 * processors, the command and query buses and the update emitter is taken over {@code timedeal.axon-metrics
 * .capacity-window} instead of Axon's fixed ten minutes.
 *
 * <p>Written here because Axon offers no setting for it: its {@link CapacityMonitor} keeps every message's handling
 * time for the whole window, per component and payload type. With four processors seeing every event (those they
 * ignore count too), ten minutes at a few thousand events a second was over 700 000 entries: the largest thing on the
 * heap under the hot deal (a third of a 224 MB heap's live data), and a skip-list insert and clean-up per message.
 */
public class BoundedCapacityMetrics extends GlobalMetricRegistry {

    private final long windowMillis;

    public BoundedCapacityMetrics(MeterRegistry registry, Duration capacityWindow) {
        super(registry);
        this.windowMillis = capacityWindow.toMillis();
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
            String eventProcessorName,
            Function<Message<?>, Iterable<Tag>> tagsBuilder,
            Function<Message<?>, Iterable<Tag>> latencyTagsBuilder) {
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(eventProcessorName, getRegistry(), tagsBuilder),
                EventProcessorLatencyMonitor.builder()
                        .meterNamePrefix(eventProcessorName)
                        .meterRegistry(getRegistry())
                        .tagsBuilder(latencyTagsBuilder)
                        .build(),
                capacity(eventProcessorName, tagsBuilder),
                MessageCountingMonitor.buildMonitor(eventProcessorName, getRegistry(), tagsBuilder)));
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

    @Override
    public MessageMonitor<? extends Message<?>> registerComponentWithDefaultTags(Class<?> componentType,
                                                                                String componentName) {
        if (QueryUpdateEmitter.class.isAssignableFrom(componentType)) {
            return handlerMonitors(componentName, TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION);
        }
        return super.registerComponentWithDefaultTags(componentType, componentName);
    }

    /** What Axon registers for a component that handles messages: a timer, the capacity and the counters. */
    private MessageMonitor<Message<?>> handlerMonitors(String name, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(name, getRegistry(), tagsBuilder),
                capacity(name, tagsBuilder),
                MessageCountingMonitor.buildMonitor(name, getRegistry(), tagsBuilder)));
    }

    private CapacityMonitor capacity(String name, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return CapacityMonitor.buildMonitor(name, getRegistry(), windowMillis, TimeUnit.MILLISECONDS, tagsBuilder);
    }
}
