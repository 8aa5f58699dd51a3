package com.bbossiregi.timedeal.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class LiveSubscriberTest {

    private final ScheduledExecutorService writers = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    /** Records what is written; a stuck one blocks in its first write until released, as a full socket does. */
    static class RecordingEmitter extends SseEmitter {
        final List<String> written = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicBoolean completed = new AtomicBoolean();
        final boolean stuck;

        RecordingEmitter(boolean stuck) {
            this.stuck = stuck;
        }

        /** The subscriber writes a turn's events as one piece of text; each event is recorded on its own. */
        @Override
        public void send(Set<DataWithMediaType> items) throws IOException {
            if (stuck) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sends.incrementAndGet();
            StringBuilder text = new StringBuilder();
            items.forEach(part -> text.append(part.getData()));
            for (String event : text.toString().split("\n\n")) {
                written.add(event + "\n\n");
            }
        }

        @Override
        public void complete() {
            completed.set(true);
        }
    }

    @Test
    void aClientStuckOnItsSocketHoldsUpNobodyElseAndThenGetsTheLatestStateInsteadOfABacklog() throws Exception {
        RecordingEmitter slow = new RecordingEmitter(true);
        RecordingEmitter fast = new RecordingEmitter(false);
        List<LiveSubscriber> closed = new CopyOnWriteArrayList<>();
        LiveSubscriber slowSubscriber = new LiveSubscriber(1L, slow, 3, () -> 0L, writers, closed::add);
        LiveSubscriber fastSubscriber = new LiveSubscriber(1L, fast, 3, () -> 0L, writers, closed::add);
        slowSubscriber.start(List.of());
        fastSubscriber.start(List.of());

        for (int i = 1; i <= 6; i++) {
            LiveFrame frame = change(1, i);
            // offer never waits, whatever the client does
            slowSubscriber.offer(frame);
            fastSubscriber.offer(frame);
            // the fast client reads each event before the next comes (the slow one never reads the first)
            int expected = i;
            waitFor(() -> fast.written.size() == expected);
        }
        assertThat(fast.written).extracting(LiveSubscriberTest::idOf).containsExactly("1", "2", "3", "4", "5", "6");

        slow.release.countDown();
        waitFor(() -> slow.written.size() == 3);
        // its first write was stuck with change 1; when change 5 made four wait, more than its bound of 3, they were
        // cut down to the deal's latest state, and 6 came after
        assertThat(slow.written).extracting(LiveSubscriberTest::idOf).containsExactly("1", "5", "6");
        assertThat(closed).isEmpty();
        assertThat(slowSubscriber.isClosed()).isFalse();
    }

    @Test
    void aBurstWithinTheBoundIsWrittenWholeInOneWrite() throws Exception {
        RecordingEmitter emitter = new RecordingEmitter(false);
        LiveSubscriber subscriber = new LiveSubscriber(null, emitter, 3, () -> 0L, writers, s -> { });
        subscriber.offer(change(1, 10));
        subscriber.offer(change(2, 11));
        subscriber.offer(change(1, 12));
        subscriber.start(List.of());
        waitFor(() -> emitter.written.size() == 3);
        assertThat(emitter.written).extracting(LiveSubscriberTest::idOf).containsExactly("10", "11", "12");
        assertThat(emitter.sends).hasValue(1);
    }

    @Test
    void beyondTheBoundWhatWaitsIsTheLatestStateOfEachDealInTheOrderOfThoseStates() throws Exception {
        RecordingEmitter emitter = new RecordingEmitter(false);
        LiveSubscriber subscriber = new LiveSubscriber(null, emitter, 2, () -> 0L, writers, s -> { });
        subscriber.offer(change(1, 10));
        subscriber.offer(change(2, 11));
        subscriber.offer(change(1, 12));
        subscriber.heartbeat();
        subscriber.start(List.of());
        waitFor(() -> emitter.written.size() == 2);
        assertThat(emitter.written).extracting(LiveSubscriberTest::idOf).containsExactly("11", "12");
        assertThat(emitter.sends).hasValue(1);

        subscriber.heartbeat();
        waitFor(() -> emitter.written.size() == 3);
        assertThat(emitter.written.get(2)).isEqualTo(":heartbeat\n\n");
    }

    @Test
    void changesComingSoonerThanTheWriteIntervalWaitAndGoOutTogetherInTheNextWrite() throws Exception {
        RecordingEmitter emitter = new RecordingEmitter(false);
        LiveSubscriber subscriber = new LiveSubscriber(1L, emitter, 16, () -> Duration.ofMillis(500).toNanos(), writers,
                s -> { });
        subscriber.start(List.of());
        subscriber.offer(change(1, 1));
        waitFor(() -> emitter.written.size() == 1);
        // the first write went at once; the next two come within the interval after it
        subscriber.offer(change(1, 2));
        subscriber.offer(change(1, 3));
        waitFor(() -> emitter.written.size() == 3);
        assertThat(emitter.written).extracting(LiveSubscriberTest::idOf).containsExactly("1", "2", "3");
        assertThat(emitter.sends).as("two writes: the first change, then the two that waited").hasValue(2);
    }

    @Test
    void aClientWithManyDealsWaitingKeepsTheLatestOfEachAndIsNotDisconnected() throws Exception {
        RecordingEmitter stuck = new RecordingEmitter(true);
        List<LiveSubscriber> closed = new CopyOnWriteArrayList<>();
        LiveSubscriber subscriber = new LiveSubscriber(null, stuck, 3, () -> 0L, writers, closed::add);
        subscriber.start(List.of());
        subscriber.offer(change(1, 1));
        assertThat(stuck.entered.await(10, TimeUnit.SECONDS)).isTrue();
        // deals 1 to 5 change twice each while the first write is stuck: past the bound of 3 what waits is cut down
        // to the latest of each deal (2, 3, 4, 5 -> all kept; then at 9 waiting: 6 to 10, one per deal), and 11 follows
        for (long id = 2; id <= 11; id++) {
            subscriber.offer(change((id % 5) + 1, id));
        }
        stuck.release.countDown();
        waitFor(() -> stuck.written.size() == 7);
        assertThat(stuck.written).extracting(LiveSubscriberTest::idOf)
                .containsExactly("1", "6", "7", "8", "9", "10", "11");
        assertThat(closed).isEmpty();
        assertThat(subscriber.isClosed()).isFalse();
    }

    @Test
    void theFirstFramesGoBeforeAnythingQueuedAndTheEndCompletesTheStream() throws Exception {
        RecordingEmitter emitter = new RecordingEmitter(false);
        LiveSubscriber subscriber = new LiveSubscriber(1L, emitter, 10, () -> 0L, writers, s -> { });
        subscriber.offer(change(1, 3));
        subscriber.end();
        assertThat(emitter.written).as("nothing is written before the start").isEmpty();
        subscriber.start(List.of(LiveFrame.event(1, "2", "snapshot", "{}")));
        waitFor(subscriber::isClosed);
        assertThat(emitter.written).hasSize(2);
        assertThat(emitter.written.get(0)).contains("id:2").contains("event:snapshot");
        assertThat(emitter.written.get(1)).contains("id:3").contains("event:change");
        assertThat(emitter.sends).as("what waited went out in one write").hasValue(1);
        assertThat(emitter.completed).isTrue();
    }

    /** Fails every write with {@code failure}, as the emitter or the container below it would. */
    static final class FailingEmitter extends RecordingEmitter {
        final Exception failure;

        FailingEmitter(Exception failure) {
            super(false);
            this.failure = failure;
        }

        @Override
        public void send(Set<DataWithMediaType> items) throws IOException {
            if (failure instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) failure;
        }
    }

    @Test
    void aWriteThatFailsForAnotherReasonThanTheClientIsLoggedAndEndsTheStreamSoTheClientReconnects() throws Exception {
        // How ResponseBodyEmitter reports a failure below it: wrapped, with the failure as the cause.
        FailingEmitter emitter = new FailingEmitter(
                new IllegalStateException("Failed to send", new NullPointerException("a fault of the node")));
        List<ILoggingEvent> logged = writeOnceAndLog(emitter);
        assertThat(emitter.completed).as("the response is ended, not left open with nobody writing").isTrue();
        assertThat(logged).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("deal 1");
            assertThat(event.getThrowableProxy().getCause().getClassName())
                    .isEqualTo(NullPointerException.class.getName());
        });
    }

    @Test
    void aClientGoneOrARequestAlreadyCompletedEndsTheStreamQuietly() throws Exception {
        FailingEmitter disconnected = new FailingEmitter(new IOException("Broken pipe"));
        assertThat(writeOnceAndLog(disconnected)).isEmpty();
        assertThat(disconnected.completed).as("a gone client's request is the container's to end").isFalse();
        // How ResponseBodyEmitter refuses a write once the container completed the request: no cause.
        FailingEmitter completed =
                new FailingEmitter(new IllegalStateException("ResponseBodyEmitter has already completed"));
        assertThat(writeOnceAndLog(completed)).isEmpty();
    }

    /** Starts a subscriber on {@code emitter}, offers one change and returns what the subscriber logged meanwhile. */
    private List<ILoggingEvent> writeOnceAndLog(SseEmitter emitter) throws InterruptedException {
        Logger logger = (Logger) LoggerFactory.getLogger(LiveSubscriber.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            List<LiveSubscriber> closed = new CopyOnWriteArrayList<>();
            LiveSubscriber subscriber = new LiveSubscriber(1L, emitter, 10, () -> 0L, writers, closed::add);
            subscriber.start(List.of());
            subscriber.offer(change(1, 1));
            waitFor(subscriber::isClosed);
            assertThat(closed).containsExactly(subscriber);
            return List.copyOf(appender.list);
        } finally {
            logger.detachAppender(appender);
        }
    }

    private static LiveFrame change(long timeDealId, long id) {
        return LiveFrame.event(timeDealId, Long.toString(id), "change", "{\"n\":" + id + "}");
    }

    private static String idOf(String event) {
        return event.lines().filter(line -> line.startsWith("id:")).findFirst().orElse("").substring(3);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 2000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
