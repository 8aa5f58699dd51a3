package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
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
