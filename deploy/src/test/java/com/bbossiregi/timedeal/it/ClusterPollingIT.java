package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.platform.axon.RingCachedEventStore;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node of several sees what other nodes commit promptly: the event store its processors read polls with
 * {@code timedeal.cluster.fetch-delay}, and every processor stores its position within
 * {@code timedeal.cluster.event-availability-timeout}, instead of Axon's second for each (a command answer on one node
 * waits for the read models wherever they run, judged by their stored positions).
 *
 * <p>Axon offers no getter for the processors' values, so the test reads the fields that hold them: each processor's
 * {@code messageSource} and {@code eventAvailabilityTimeout}. A rename in a later Axon version fails this test loudly;
 * it is then to be looked at again, not dropped.
 */
class ClusterPollingIT {

    private final TestDatabase.Settings database = TestDatabase.create("timedeal_polling");

    /** A node of the command ring, and a query node outside it (as compose and Kubernetes run them). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "all in the ring, --timedeal.role=all --timedeal.cluster.enabled=true --timedeal.cluster.bind-address=127.0.0.1 --timedeal.cluster.port=0, deal-listing order-history order-saga",
            "query node, --timedeal.role=query, deal-listing order-history"})
    void theStoreAndProcessorsOfANodeOfSeveralUseTheSettings(String node, String role, String processors)
            throws ReflectiveOperationException {
        List<String> settings = new ArrayList<>(List.of(role.split(" ")));
        // Values no default has, so that a setting not applied cannot pass for one applied.
        settings.addAll(List.of("--timedeal.processors.segments=2", "--timedeal.cluster.fetch-delay=70ms",
                "--timedeal.cluster.event-availability-timeout=130ms"));
        try (ConfigurableApplicationContext context =
                     StandaloneApplication.start(database, settings.toArray(String[]::new))) {
            Configuration axon = context.getBean(Configuration.class);
            assertThat(axon.eventStore()).isInstanceOf(RingCachedEventStore.class);
            assertThat(((RingCachedEventStore) axon.eventStore()).fetchDelay()).isEqualTo(Duration.ofMillis(70));

            for (String name : processors.split(" ")) {
                TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                        .eventProcessor(name, TrackingEventProcessor.class).orElseThrow();
                assertThat(field(processor, "messageSource")).as(name).isSameAs(axon.eventStore());
                assertThat(field(processor, "eventAvailabilityTimeout")).as(name).isEqualTo(130);
            }
        }
    }

    /** A single node's own commits wake its store's reader: it keeps Axon's second, and the ring's size is a setting. */
    @Test
    void aSingleNodeKeepsAxonsFetchDelay() {
        try (ConfigurableApplicationContext context = StandaloneApplication.start(database,
                "--timedeal.cluster.fetch-delay=70ms", "--timedeal.caches.recent-events=77")) {
            RingCachedEventStore store = (RingCachedEventStore) context.getBean(Configuration.class).eventStore();
            assertThat(store.fetchDelay()).isEqualTo(Duration.ofSeconds(1));
            assertThat(store.capacity()).isEqualTo(77);
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
