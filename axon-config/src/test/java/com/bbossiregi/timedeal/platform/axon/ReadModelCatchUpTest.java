package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A command answer waits for the read models; one this process runs whole is judged from its in-memory status, so a
 * hundred waiting answers do not read the token store while it catches up (they did, every few milliseconds each).
 */
class ReadModelCatchUpTest {

    private static final String LISTING = "listing";

    private final CountDownLatch release = new CountDownLatch(1);
    private final StoredTokensRead storedTokens = new StoredTokensRead();
    private Configuration axon;

    @ProcessingGroup(LISTING)
    class SlowReadModel {
        @EventHandler
        void on(String event) throws InterruptedException {
            release.await(10, TimeUnit.SECONDS);
        }
    }

    /** Counts the reads of the shared token store; nothing is stored there, as when no other node runs a processor. */
    static class StoredTokensRead extends ProcessorTokens {
        final AtomicInteger reads = new AtomicInteger();

        StoredTokensRead() {
            super(null, null);
        }

        @Override
        Map<String, List<TrackingToken>> of(Set<String> processors) {
            reads.incrementAndGet();
            return Map.of();
        }

        @Override
        boolean anyStored(Set<Long> globalIndexes) {
            return true;
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    void aReadModelRunWholeHereIsWaitedForWithoutReadingTheTokenStore() {
        ReadModelCatchUp catchUp = start(Set.of(LISTING));
        axon.eventBus().publish(GenericEventMessage.asEventMessage("reserved"));

        assertThat(catchUp.awaitCaughtUp(Duration.ofMillis(300))).as("the read model is held up").isFalse();
        assertThat(storedTokens.reads).as("token store reads while it was behind").hasValue(0);

        release.countDown();
        assertThat(catchUp.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(storedTokens.reads).hasValue(0);
    }

    @Test
    void aReadModelThisProcessDoesNotRunIsJudgedByTheTokenStore() {
        ReadModelCatchUp catchUp = start(Set.of(LISTING, "run-elsewhere"));
        release.countDown();
        axon.eventBus().publish(GenericEventMessage.asEventMessage("reserved"));

        assertThat(catchUp.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(storedTokens.reads.get()).isPositive();
    }

    private ReadModelCatchUp start(Set<String> readModels) {
        // As AxonWiring does: the processor reports its progress to the catch-up, which is made once Axon is built.
        AtomicReference<ReadModelCatchUp> reportsTo = new AtomicReference<>();
        EventTrackerStatusChangeListener progress = new EventTrackerStatusChangeListener() {
            @Override
            public void onEventTrackerStatusChange(Map<Integer, EventTrackerStatus> status) {
                Optional.ofNullable(reportsTo.get()).ifPresent(catchUp -> catchUp.onEventTrackerStatusChange(status));
            }

            @Override
            public boolean validatePositions() {
                return true;
            }
        };
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(config -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(LISTING, config -> config.eventStore(),
                                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andEventTrackerStatusChangeListener(progress))
                        .registerEventHandler(config -> new SlowReadModel()))
                .buildConfiguration();
        ReadModelCatchUp catchUp = new ReadModelCatchUp(axon.eventStore(), axon.eventProcessingConfiguration(),
                storedTokens, readModels, Set.of());
        reportsTo.set(catchUp);
        axon.start();
        StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(LISTING, StreamingEventProcessor.class).orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (processor.processingStatus().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(processor.processingStatus()).as("the processor claimed its segment").isNotEmpty();
        return catchUp;
    }
}
