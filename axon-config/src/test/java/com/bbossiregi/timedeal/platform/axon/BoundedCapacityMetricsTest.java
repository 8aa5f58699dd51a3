package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

/**
 * Axon's meters keep their names and tags (the dashboards and the runbook read them); the capacity forgets what is
 * older than its window, where Axon's own kept every message's time for ten minutes.
 */
class BoundedCapacityMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BoundedCapacityMetrics metrics = new BoundedCapacityMetrics(meters, Duration.ofSeconds(1));

    @Test
    void aProcessorsCapacityCoversItsWindowOnly() throws InterruptedException {
        MessageMonitor<Message<?>> processor = monitor(TrackingEventProcessor.class, "order-history");
        MessageMonitor.MonitorCallback handling = processor.onMessageIngested(
                GenericEventMessage.asEventMessage("reserved"));
        Thread.sleep(300);
        handling.reportSuccess();

        Gauge capacity = meters.get("eventProcessor.capacity")
                .tags("processorName", "order-history", "payloadType", "String").gauge();
        assertThat(capacity.value()).as("busy 0.3 s of the last second").isGreaterThan(0.2);
        assertThat(meters.get("eventProcessor.latency").tag("processorName", "order-history").gauge()).isNotNull();
        assertThat(meters.get("eventProcessor.processedCounter").tag("processorName", "order-history").counter()
                .count()).isEqualTo(1);

        Thread.sleep(1500);
        assertThat(capacity.value()).as("a second later the window is empty").isZero();
    }

    @Test
    void theCommandBusKeepsItsMetersWithTheBoundedCapacity() throws InterruptedException {
        MessageMonitor<Message<?>> bus = monitor(CommandBus.class, "commandBus");
        MessageMonitor.MonitorCallback handling = bus.onMessageIngested(
                GenericCommandMessage.asCommandMessage("place"));
        Thread.sleep(300);
        handling.reportSuccess();

        Gauge capacity = meters.get("commandBus.capacity").tag("payloadType", "String").gauge();
        assertThat(capacity.value()).isGreaterThan(0.2);
        assertThat(meters.get("commandBus.successCounter").counter().count()).isEqualTo(1);
        Thread.sleep(1500);
        assertThat(capacity.value()).isZero();
    }

    @SuppressWarnings("unchecked")
    private MessageMonitor<Message<?>> monitor(Class<?> component, String name) {
        return (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(component, name);
    }
}
