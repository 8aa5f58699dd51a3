package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event store's ring of recent events: every stream sees every event once and in order, whether it keeps up
 * (reads the ring), falls further behind than the ring holds (reads the store, then joins the ring again) or starts
 * anywhere; commits wake the reader, which reads once for them; shutting down ends the streams. A ring of 8 makes
 * every case happen often.
 */
class RingCachedEventStoreTest {

    private static final int EVENTS = 2_000;

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final RingCachedEventStore store = RingCachedEventStore.builder()
            .capacity(8)
            .fetchDelay(Duration.ofSeconds(30)) // only commits wake the reader here: a missed wake-up hangs the test
            .storageEngine(storage)
            .build();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        store.shutDown();
        threads.shutdownNow();
    }

    @Test
    void everyStreamReadsEveryEventOnceInOrderWhileTheyArePublished() throws Exception {
        publish(0, 10); // some before any stream
        List<Future<List<Integer>>> readers = new ArrayList<>();
        readers.add(threads.submit(() -> read(store.openStream(null), EVENTS, 0)));
        readers.add(threads.submit(() -> read(store.openStream(null), EVENTS, 0)));
        // A slow one: far more than 8 events behind at times, so it leaves the ring for the store and comes back.
        readers.add(threads.submit(() -> read(store.openStream(null), EVENTS, 1)));
        Future<?> writer = threads.submit(() -> publish(10, EVENTS));
        writer.get(60, TimeUnit.SECONDS);

        for (Future<List<Integer>> reader : readers) {
            assertThat(reader.get(120, TimeUnit.SECONDS)).containsExactlyElementsOf(numbers(0, EVENTS));
        }
    }

    @Test
    void aStreamOpenedAtAnyTokenGoesOnFromTheEventAfterIt() throws Exception {
        publish(0, 50);
        List<Integer> firstTwenty = read(store.openStream(null), 20, 0);
        assertThat(firstTwenty).containsExactlyElementsOf(numbers(0, 20));
        TrackingToken afterTwenty = tokenAfter(20);
        // The reader now runs and holds the last 8 events: a token inside the ring and one before it.
        read(store.openStream(null), 50, 0);
        assertThat(read(store.openStream(tokenAfter(45)), 5, 0)).containsExactlyElementsOf(numbers(45, 50));
        assertThat(read(store.openStream(afterTwenty), 30, 0)).containsExactlyElementsOf(numbers(20, 50));
    }

    @Test
    void aCommitWakesAStreamWaitingAtTheHead() throws Exception {
        publish(0, 1);
        TrackingEventStream stream = store.openStream(null);
        assertThat(read(stream, 1, 0)).containsExactly(0);
        assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();

        Future<List<Integer>> waiting = threads.submit(() -> read(stream, 3, 0));
        publish(1, 4);
        // The fetch delay is 30 s: only the commit's wake-up delivers these within the wait.
        assertThat(waiting.get(20, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
    }

    @Test
    void aCommitCostsTheReaderOneRead() throws Exception {
        // It went on to the end of the store, so no second read follows it.
        assertThat(readsForOneCommit(false)).isEqualTo(1);
    }

    @Test
    void whereOtherNodesAppendTooAReadWithEventsIsFollowedByAnother() throws Exception {
        // Another node's commit wakes nobody here: the read after a read with events is what sees it soonest.
        assertThat(readsForOneCommit(true)).isEqualTo(2);
    }

    /** How often the reader reads the store for one commit, once it is running and idle. */
    private static int readsForOneCommit(boolean otherWriters) throws Exception {
        CountingStorage counting = new CountingStorage();
        RingCachedEventStore countingStore = RingCachedEventStore.builder()
                .capacity(8)
                .fetchDelay(Duration.ofSeconds(30)) // only wake-ups make the reader read here
                .otherWriters(otherWriters)
                .storageEngine(counting)
                .build();
        try {
            TrackingEventStream stream = countingStore.openStream(null);
            assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse(); // the stream starts the reader
            Thread.sleep(200); // which reads once, finds nothing and waits
            int idle = counting.reads.get();
            countingStore.publish(GenericEventMessage.asEventMessage(0));
            assertThat(read(stream, 1, 0)).containsExactly(0); // the reader has handed it on
            Thread.sleep(200);
            return counting.reads.get() - idle;
        } finally {
            countingStore.shutDown();
        }
    }

    /** Counts the reads of the event table from a position (the reader's; streams here stay in the ring). */
    private static final class CountingStorage extends InMemoryEventStorageEngine {

        final AtomicInteger reads = new AtomicInteger();

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            reads.incrementAndGet();
            return super.readEvents(trackingToken, mayBlock);
        }
    }

    @Test
    void shuttingDownEndsTheStreams() throws Exception {
        TrackingEventStream stream = store.openStream(null);
        Future<Boolean> waiting = threads.submit(() -> stream.hasNextAvailable(1, TimeUnit.HOURS));
        Thread.sleep(100);
        store.shutDown();
        assertThat(waiting.get(20, TimeUnit.SECONDS)).isFalse();
    }

    private void publish(int from, int to) {
        for (int i = from; i < to; i++) {
            store.publish(GenericEventMessage.asEventMessage(i));
        }
    }

    /** The token of event {@code count - 1}, read from the storage engine itself. */
    private TrackingToken tokenAfter(int count) {
        return storage.readEvents(null, false).skip(count - 1).findFirst().orElseThrow().trackingToken();
    }

    private static List<Integer> read(TrackingEventStream stream, int count, long pauseMillis)
            throws InterruptedException {
        List<Integer> payloads = new ArrayList<>();
        while (payloads.size() < count) {
            if (!stream.hasNextAvailable(30, TimeUnit.SECONDS)) {
                break;
            }
            assertThat(stream.peek()).isPresent();
            TrackedEventMessage<?> event = stream.nextAvailable();
            payloads.add((Integer) event.getPayload());
            if (pauseMillis > 0 && payloads.size() % 50 == 0) {
                Thread.sleep(pauseMillis * 20);
            }
        }
        return payloads;
    }

    private static List<Integer> numbers(int from, int to) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = from; i < to; i++) {
            numbers.add(i);
        }
        return numbers;
    }
}
