package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.Test;

/**
 * Axon's meters keep their names and tags (the dashboards and the runbook read them); the capacity forgets what is
 * older than its window, where Axon's own kept every message's time for ten minutes; events a processor has no
 * handler for are counted but not timed.
 */
class LeanAxonMetricsTest {

    /** A read model that handles text events only. */
    static class TextReadModel {
        @EventHandler
        void on(String event) {
        }
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EventHandlerInvoker handlers = SimpleEventHandlerInvoker.builder()
            .eventHandlers(new TextReadModel()).build();
    private final LeanAxonMetrics metrics = new LeanAxonMetrics(meters, Duration.ofSeconds(1),
            name -> name.equals("order-history") ? Optional.of(handlers) : Optional.empty());

    @Test
    void aProcessorsCapacityCoversItsWindowOnly() throws InterruptedException {
        handleFor300Ms(monitor(TrackingEventProcessor.class, "order-history"),
                GenericEventMessage.asEventMessage("reserved"));

        Gauge capacity = meters.get("eventProcessor.capacity")
                .tags("processorName", "order-history", "payloadType", "String").gauge();
        assertThat(capacity.value()).as("busy 0.3 s of the last second").isGreaterThan(0.2);
        assertThat(meters.get("eventProcessor.latency").tag("processorName", "order-history").gauge()).isNotNull();
        assertThat(meters.get("eventProcessor.successTimer").tag("processorName", "order-history").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("eventProcessor.processedCounter").tag("processorName", "order-history").counter()
                .count()).isEqualTo(1);

        Thread.sleep(1500);
        assertThat(capacity.value()).as("a second later the window is empty").isZero();
    }

    @Test
    void eventsAProcessorHasNoHandlerForAreCountedButNotTimed() {
        MessageMonitor<Message<?>> processor = monitor(TrackingEventProcessor.class, "order-history");
        for (int i = 0; i < 3; i++) {
            processor.onMessageIngested(GenericEventMessage.asEventMessage(42L)).reportIgnored();
        }

        assertThat(meters.get("eventProcessor.ignoredCounter")
                .tags("processorName", "order-history", "payloadType", "Long").counter().count()).isEqualTo(3);
        assertThat(meters.get("eventProcessor.ingestedCounter")
                .tags("processorName", "order-history", "payloadType", "Long").counter().count()).isEqualTo(3);
        assertThat(meters.find("eventProcessor.ignoredTimer").tag("payloadType", "Long").timers()).isEmpty();
        assertThat(meters.find("eventProcessor.capacity").tag("payloadType", "Long").gauges()).isEmpty();
        assertThat(meters.get("eventProcessor.latency").tag("processorName", "order-history").gauge()).isNotNull();
    }

    @Test
    void aProcessorNotBuiltYetIsMonitoredInFull() {
        MessageMonitor<Message<?>> processor = monitor(TrackingEventProcessor.class, "deal-listing");
        processor.onMessageIngested(GenericEventMessage.asEventMessage(42L)).reportIgnored();

        assertThat(meters.get("eventProcessor.ignoredTimer")
                .tags("processorName", "deal-listing", "payloadType", "Long").timer().count()).isEqualTo(1);
    }

    @Test
    void theCommandBusKeepsItsMetersWithTheBoundedCapacity() throws InterruptedException {
        handleFor300Ms(monitor(CommandBus.class, "commandBus"), GenericCommandMessage.asCommandMessage("place"));

        Gauge capacity = meters.get("commandBus.capacity").tag("payloadType", "String").gauge();
        assertThat(capacity.value()).isGreaterThan(0.2);
        assertThat(meters.get("commandBus.successCounter").counter().count()).isEqualTo(1);
        Thread.sleep(1500);
        assertThat(capacity.value()).isZero();
    }

    /**
     * The same messages through Axon's own registry and this one leave the same meters (names, tags, kinds, counts and
     * the timers' percentiles), except what this one leaves out on purpose: the timers and capacity of events a
     * processor has no handler for.
     */
    @Test
    void theMetersAreAxonsOwn() {
        SimpleMeterRegistry axonsMeters = new SimpleMeterRegistry();
        GlobalMetricRegistry axons = new GlobalMetricRegistry(axonsMeters);
        for (GlobalMetricRegistry registry : List.of(axons, metrics)) {
            send(registry, CommandBus.class, "commandBus", GenericCommandMessage.asCommandMessage("place"),
                    GenericCommandMessage.asCommandMessage(7));
            send(registry, QueryBus.class, "queryBus", new GenericQueryMessage<>("find", ResponseTypes.instanceOf(
                    String.class)), new GenericQueryMessage<>(3, ResponseTypes.instanceOf(String.class)));
            send(registry, EventBus.class, "eventStore", GenericEventMessage.asEventMessage("placed"),
                    GenericEventMessage.asEventMessage(5));
            send(registry, TrackingEventProcessor.class, "order-history", GenericEventMessage.asEventMessage("placed"),
                    GenericEventMessage.asEventMessage("reserved"));
            send(registry, QueryUpdateEmitter.class, "updateEmitter", GenericEventMessage.asEventMessage("changed"),
                    GenericEventMessage.asEventMessage(9));
        }

        assertThat(describe(meters)).isEqualTo(describe(axonsMeters)).hasSizeGreaterThan(40);
        assertThat(meters.get("commandBus.successTimer").tag("payloadType", "String").timer().takeSnapshot()
                .percentileValues()).hasSize(6);
        assertThat(meters.get("commandBus.ingestedCounter").tag("payloadType", "String").counter().count())
                .isEqualTo(3);
    }

    /** Three messages of the first payload (a success, a failure, one ignored) and one success of the second. */
    @SuppressWarnings("unchecked")
    private static void send(GlobalMetricRegistry registry, Class<?> component, String name, Message<?> first,
                             Message<?> second) {
        MessageMonitor<Message<?>> monitor =
                (MessageMonitor<Message<?>>) registry.registerComponentWithDefaultTags(component, name);
        monitor.onMessageIngested(first).reportSuccess();
        monitor.onMessageIngested(first).reportFailure(new IllegalStateException("refused"));
        monitor.onMessageIngested(first).reportIgnored();
        monitor.onMessageIngested(second).reportSuccess();
    }

    /** Each meter as its id, kind and count (timers by count, gauges by presence). */
    private static Set<String> describe(MeterRegistry registry) {
        return registry.getMeters().stream().map(meter -> {
            String count = meter instanceof Counter counter ? Double.toString(counter.count())
                    : meter instanceof Timer timer ? Long.toString(timer.count()) : "";
            return meter.getId().getName() + meter.getId().getTags() + " " + meter.getId().getType() + " " + count;
        }).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void handleFor300Ms(MessageMonitor<Message<?>> monitor, Message<?> message)
            throws InterruptedException {
        MessageMonitor.MonitorCallback handling = monitor.onMessageIngested(message);
        Thread.sleep(300);
        handling.reportSuccess();
    }

    @SuppressWarnings("unchecked")
    private MessageMonitor<Message<?>> monitor(Class<?> component, String name) {
        return (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(component, name);
    }
}
