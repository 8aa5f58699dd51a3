package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A command answer waits for the read models; one this process runs whole is judged from its in-memory status, so a
 * hundred waiting answers do not read the token store while it catches up, and one another node runs is judged by one
 * read of the token store a round for all of them (each answer re-read it every few milliseconds).
 */
class ReadModelCatchUpTest {

    private static final String LISTING = "listing";
    private static final String ELSEWHERE = "run-elsewhere";

    private final CountDownLatch release = new CountDownLatch(1);
    private final StoredTokensRead storedTokens = new StoredTokensRead();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Configuration axon;
    private ReadModelCatchUp catchUp;

    @ProcessingGroup(LISTING)
    class SlowReadModel {
        @EventHandler
        void on(String event) throws InterruptedException {
            release.await(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The shared token store and the event store's indexes, as a test sets them: by default no token is stored (no
     * other node runs a processor) and every gap asked about holds an event. Counts the token store's reads.
     */
    static class StoredTokensRead extends ProcessorTokens {
        final AtomicInteger reads = new AtomicInteger();
        volatile Map<String, List<TrackingToken>> tokens = Map.of();
        volatile Set<Long> storedGaps;

        StoredTokensRead() {
            super(null, null);
        }

        @Override
        Map<String, List<TrackingToken>> of(Set<String> processors) {
            reads.incrementAndGet();
            return tokens;
        }

        @Override
        Set<Long> stored(Set<Long> globalIndexes) {
            return storedGaps == null ? globalIndexes : storedGaps;
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (catchUp != null) {
            catchUp.close();
        }
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
    void anAnswerWhoseBoundRunsOutIsCountedByWhatItWaitedFor() {
        ReadModelCatchUp catchUp = start(Set.of(LISTING));
        axon.eventBus().publish(GenericEventMessage.asEventMessage("reserved"));

        assertThat(catchUp.awaitCaughtUp(Duration.ofMillis(200))).isFalse();
        assertThat(catchUp.awaitSettled(Duration.ofMillis(200))).isFalse();
        assertThat(catchUp.awaitCaughtUp(Duration.ofMillis(200))).isFalse();
        assertThat(expired("read-models")).isEqualTo(2);
        assertThat(expired("settled")).isEqualTo(1);

        release.countDown();
        assertThat(catchUp.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(catchUp.awaitSettled(Duration.ofSeconds(10))).isTrue();
        assertThat(expired("read-models")).as("an answer in time is not counted").isEqualTo(2);
        assertThat(expired("settled")).isEqualTo(1);
    }

    private double expired(String waitedFor) {
        return meters.get(ReadModelCatchUp.EXPIRED).tag("wait", waitedFor).counter().count();
    }

    @Test
    void aReadModelThisProcessDoesNotRunIsJudgedByTheTokenStore() {
        ReadModelCatchUp catchUp = start(Set.of(LISTING, ELSEWHERE));
        release.countDown();
        axon.eventBus().publish(GenericEventMessage.asEventMessage("reserved"));

        assertThat(catchUp.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(storedTokens.reads.get()).isPositive();
    }

    @Test
    void aHundredAnswersWaitingForAnotherNodeShareOneReadOfTheTokenStoreARound() throws Exception {
        ReadModelCatchUp catchUp = start(Set.of(LISTING, ELSEWHERE));
        release.countDown();
        axon.eventBus().publish(GenericEventMessage.asEventMessage("reserved"));
        long head = head();
        storedTokens.tokens = Map.of(ELSEWHERE, List.of(new GlobalSequenceTrackingToken(head - 1)));

        int answers = 100;
        ExecutorService pool = Executors.newFixedThreadPool(answers);
        try {
            List<Future<Boolean>> waits = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                waits.add(pool.submit(() -> catchUp.awaitCaughtUp(Duration.ofSeconds(10))));
            }
            Thread.sleep(500);
            assertThat(waits).as("held up by the other node's read model").noneMatch(Future::isDone);
            int readsWhileBehind = storedTokens.reads.get();
            // A round every 5 ms is a hundred in half a second; each answer re-reading for itself would be thousands.
            assertThat(readsWhileBehind).as("token store reads for %d answers in 500 ms", answers)
                    .isPositive().isLessThan(2 * answers);

            storedTokens.tokens = Map.of(ELSEWHERE, List.of(new GlobalSequenceTrackingToken(head)));
            for (Future<Boolean> wait : waits) {
                assertThat(wait.get(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aGapHoldsAnAnswerUpOnlyWhileItIsAnEventCommittedLate() {
        ReadModelCatchUp catchUp = start(Set.of(LISTING, ELSEWHERE));
        release.countDown();
        axon.eventBus().publish(GenericEventMessage.asEventMessage("first"));
        axon.eventBus().publish(GenericEventMessage.asEventMessage("second"));
        long head = head();
        storedTokens.tokens = Map.of(ELSEWHERE,
                List.of(GapAwareTrackingToken.newInstance(head, new TreeSet<>(Set.of(head - 1)))));

        storedTokens.storedGaps = Set.of(head - 1);
        assertThat(catchUp.awaitCaughtUp(Duration.ofMillis(300))).as("an event the other node has yet to see").isFalse();

        storedTokens.storedGaps = Set.of();
        assertThat(catchUp.awaitCaughtUp(Duration.ofSeconds(10))).as("an index never committed").isTrue();
    }

    private long head() {
        return axon.eventStore().createHeadToken().position().orElseThrow();
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
                storedTokens, readModels, Set.of(), Duration.ofMillis(5), meters);
        reportsTo.set(catchUp);
        this.catchUp = catchUp;
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
