package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A cluster node sees what other nodes commit promptly: the event store its processors read polls with
 * {@code timedeal.cluster.fetch-delay}, and every processor stores its position within
 * {@code timedeal.cluster.event-availability-timeout}, instead of Axon's second for each (a command answer on one node
 * waits for the read models wherever they run, judged by their stored positions).
 *
 * <p>Axon offers no getter for either value, so the test reads the fields that hold them: the store's reader's
 * {@code fetchDelayNanos}, each processor's {@code messageSource} and {@code eventAvailabilityTimeout}. A rename in a
 * later Axon version fails this test loudly; it is then to be looked at again, not dropped.
 */
class ClusterPollingIT {

    private final TestDatabase.Settings database = TestDatabase.create("timedeal_polling");

    @Test
    void theStoreAndProcessorsOfAClusterNodeUseTheSettings() throws ReflectiveOperationException {
        // Values no default has, so that a setting not applied cannot pass for one applied.
        try (ConfigurableApplicationContext node = StandaloneApplication.start(database, "--timedeal.role=all",
                "--timedeal.cluster.enabled=true", "--timedeal.cluster.bind-address=127.0.0.1",
                "--timedeal.cluster.port=0", "--timedeal.processors.segments=2",
                "--timedeal.cluster.fetch-delay=70ms", "--timedeal.cluster.event-availability-timeout=130ms")) {
            Configuration axon = node.getBean(Configuration.class);
            assertThat(axon.eventStore()).isInstanceOf(EmbeddedEventStore.class);
            assertThat(field(field(axon.eventStore(), "producer"), "fetchDelayNanos")).isEqualTo(70_000_000L);

            for (String name : new String[] {"deal-listing", "order-history", "order-saga"}) {
                TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                        .eventProcessor(name, TrackingEventProcessor.class).orElseThrow();
                assertThat(field(processor, "messageSource")).as(name).isSameAs(axon.eventStore());
                assertThat(field(processor, "eventAvailabilityTimeout")).as(name).isEqualTo(130);
            }
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(owner);
            } catch (NoSuchFieldException notHere) {
                // declared further up
            }
        }
        throw new NoSuchFieldException(owner.getClass().getName() + "." + name);
    }
}
