package com.bbossiregi.timedeal.platform.axon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes for a command answer: waits, within a bound, until the read models have processed everything the
 * event store held when asked, wherever they run. A client that gets a 201 from any node can then read the reservation
 * through any node straight away.
 *
 * <p>Progress is judged from the shared token store, so read models on another node count like local ones; when this
 * process itself runs every segment of a read model, its in-memory status answers without a database read. A read
 * model whose processor has no token anywhere (no node runs it) is not waited for.
 *
 * <p>Under load a hundred answers wait at once, so they do not judge for themselves: each parks, and one thread of this
 * node, the judge, works out how far every read model has got and wakes exactly the answers that are covered. It judges
 * again whenever a processor of this process reports progress and, while an answer waits for a read model judged from
 * the token store (or for an event committed late), every {@code timedeal.consistency.read-model-poll}: one read of
 * the token store a round for the whole node instead of one for each waiting answer.
 *
 * <p>An answer whose bound runs out first is still sent (its command is stored), and counted
 * ({@value #EXPIRED}, by {@code wait}): the reads right after it may not show it yet, a promise the operator should
 * hear of (docs/runbook.md, the alert TimeDealAnswersAheadOfReadModels).
 */
public class ReadModelCatchUp implements EventTrackerStatusChangeListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadModelCatchUp.class);
    static final String EXPIRED = "timedeal.consistency.waits.expired";

    /** How often the judge looks again when every read model holding answers up reports each step: a safety net. */
    private static final long REPORTED_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** How long the judge waits after a round failed (the database gone, say); the answers' own bounds still hold. */
    private static final long FAILED_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** For {@link #handledByEvery}: no gap was looked up in the event store, so each counts as an event not yet handled. */
    private static final long NOTHING_CHECKED = Long.MIN_VALUE;

    private final EventProcessingConfiguration processing;
    /** How often the judge looks again while an answer waits for a read model judged from the token store. */
    private final long pollNanos;
    private final Set<String> readModels;
    private final Set<String> readModelsAndSagas;
    private final SharedRead<Long> head;
    private final ProcessorTokens tokens;
    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
    /**
     * Per processor judged from the token store, the position up to which it had handled every event when last read,
     * counting any gap in its token as not handled: what an answer may trust without asking the judge (a gap may be an
     * event committed late). Positions only move on, but for a reset, which the next read shows.
     */
    private volatile Map<String, Long> storedSurely = Map.of();
    private volatile Thread judge;
    private volatile boolean closed;
    /** Answers sent when their bound ran out before the read models ({@link #awaitCaughtUp}) had caught up. */
    private final Counter readModelsExpired;
    /** Answers sent when their bound ran out before the sagas and read models ({@link #awaitSettled}) had settled. */
    private final Counter settledExpired;

    ReadModelCatchUp(EventStore eventStore, EventProcessingConfiguration processing, ProcessorTokens tokens,
                     Set<String> readModels, Set<String> sagas, Duration poll, MeterRegistry meters) {
        this.processing = processing;
        this.readModelsExpired = expired(meters, "read-models");
        this.settledExpired = expired(meters, "settled");
        this.pollNanos = poll.toNanos();
        this.tokens = tokens;
        this.readModels = Set.copyOf(readModels);
        Set<String> all = new HashSet<>(readModels);
        all.addAll(sagas);
        this.readModelsAndSagas = Set.copyOf(all);
        this.head = new SharedRead<>(() -> {
            TrackingToken token = eventStore.createHeadToken();
            return token == null ? -1L : token.position().orElse(-1);
        });
    }

    /** @return true when caught up, false when the bound passed first (the answer is then eventually consistent) */
    public boolean awaitCaughtUp(Duration timeout) {
        if (awaitPosition(head.get(), readModels, System.nanoTime() + timeout.toNanos())) {
            return true;
        }
        readModelsExpired.increment();
        return false;
    }

    /**
     * For a command that sets off a chain of sagas (a deal canceled cancels its orders, which release their stock):
     * waits until the sagas and read models have handled everything and no new event follows.
     */
    public boolean awaitSettled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long position = head.get();
        while (awaitPosition(position, readModelsAndSagas, deadline)) {
            long next = head.get();
            if (next == position) {
                return true;
            }
            position = next;
        }
        settledExpired.increment();
        return false;
    }

    private static Counter expired(MeterRegistry meters, String waitedFor) {
        return Counter.builder(EXPIRED)
                .tag("wait", waitedFor)
                .description("command answers sent when their bound for the read-your-writes wait ran out first: the "
                        + "reads right after them may not show them yet")
                .register(meters);
    }

    @Override
    public void onEventTrackerStatusChange(Map<Integer, EventTrackerStatus> updatedTrackerStatus) {
        Thread current = judge;
        if (current != null && !waiting.isEmpty()) {
            LockSupport.unpark(current);
        }
    }

    /** A processor moving on is the change waiters care about, not only segments starting or stopping. */
    @Override
    public boolean validatePositions() {
        return true;
    }

    /** Stops the judge; answers still waiting run out their bounds. */
    @Override
    public void close() {
        closed = true;
        Thread current = judge;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    /** An answer waiting for every processor of a set to have handled the events up to a position. */
    private static final class Waiter {
        final long position;
        final Set<String> processors;
        final Thread thread = Thread.currentThread();
        volatile boolean released;

        Waiter(long position, Set<String> processors) {
            this.position = position;
            this.processors = processors;
        }
    }

    private boolean awaitPosition(long position, Set<String> processors, long deadline) {
        if (quickLook(processors) >= position) {
            return true;
        }
        Waiter waiter = new Waiter(position, processors);
        waiting.add(waiter);
        LockSupport.unpark(judge());
        try {
            while (!waiter.released) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
            return true;
        } finally {
            waiting.remove(waiter);
        }
    }

    private Thread judge() {
        Thread current = judge;
        if (current == null || !current.isAlive()) {
            synchronized (this) {
                current = judge;
                // Started with the first wait, and again should it ever have died of an error.
                if (current == null || !current.isAlive()) {
                    current = new Thread(this::judgeWhileOpen, "read-model-catch-up");
                    current.setDaemon(true);
                    current.start();
                    judge = current;
                }
            }
        }
        return current;
    }

    private void judgeWhileOpen() {
        while (!closed) {
            if (waiting.isEmpty()) {
                LockSupport.park(this);
                continue;
            }
            long pause;
            try {
                pause = judgeRound();
            } catch (RuntimeException e) {
                log.debug("Could not judge the read models' progress; judging again shortly", e);
                pause = FAILED_RECHECK_NANOS;
            }
            LockSupport.parkNanos(this, pause);
        }
    }

    /**
     * Judges how far each processor has got and releases the waiting answers that are covered. Only answers that were
     * waiting when the round began are judged by it: a gap found empty in this round may be filled before a later
     * answer read the event store's head.
     *
     * @return how long to pause before the next round, unless a local processor reports progress first
     */
    private long judgeRound() {
        List<Waiter> judged = new ArrayList<>(waiting);
        long highest = judged.stream().mapToLong(waiter -> waiter.position).max().orElse(-1);
        Set<String> needed = new HashSet<>();
        judged.forEach(waiter -> needed.addAll(waiter.processors));

        Map<String, List<TrackingToken>> segments = new HashMap<>();
        Set<String> elsewhere = new HashSet<>();
        for (String name : needed) {
            wholeHere(name).ifPresentOrElse(local -> segments.put(name, local), () -> elsewhere.add(name));
        }
        if (!elsewhere.isEmpty()) {
            Map<String, List<TrackingToken>> stored = tokens.of(elsewhere);
            Map<String, Long> surely = new HashMap<>(storedSurely);
            surely.putAll(handled(stored, NOTHING_CHECKED, Set.of()));
            storedSurely = Map.copyOf(surely);
            // No token anywhere: no node runs it, so it is not waited for.
            elsewhere.forEach(name -> segments.put(name, stored.getOrDefault(name, List.of())));
        }
        Set<Long> gaps = new TreeSet<>();
        segments.values().forEach(list -> list.forEach(token -> gaps.addAll(gapsUpTo(token, highest))));
        Set<Long> storedGaps = gaps.isEmpty() ? Set.of() : tokens.stored(gaps);
        Map<String, Long> handled = handled(segments, highest, storedGaps);

        boolean rereadSoon = false;
        for (Waiter waiter : judged) {
            if (handledUpTo(handled, waiter.processors) >= waiter.position) {
                waiter.released = true;
                waiting.remove(waiter);
                LockSupport.unpark(waiter.thread);
            } else if (!storedGaps.isEmpty() || waiter.processors.stream().anyMatch(elsewhere::contains)) {
                // Behind a read model another node runs, or an event committed late: no report will say it moved.
                rereadSoon = true;
            }
        }
        return rereadSoon ? pollNanos : REPORTED_RECHECK_NANOS;
    }

    /** The position every processor of the set has handled up to; one the map does not know counts as nowhere. */
    private static long handledUpTo(Map<String, Long> handled, Set<String> processors) {
        long position = Long.MAX_VALUE;
        for (String name : processors) {
            position = Math.min(position, handled.getOrDefault(name, Long.MIN_VALUE));
        }
        return position;
    }

    /**
     * An answer's own look before it asks the judge, without a database read and counting every gap as not handled:
     * the processors this process runs whole from their in-memory status, the others as the judge last read them.
     */
    private long quickLook(Set<String> processors) {
        Map<String, Long> stored = storedSurely;
        long position = Long.MAX_VALUE;
        for (String name : processors) {
            Optional<List<TrackingToken>> local = wholeHere(name);
            position = Math.min(position, local.isPresent()
                    ? handledByEvery(local.get(), NOTHING_CHECKED, Set.of())
                    : stored.getOrDefault(name, Long.MIN_VALUE));
        }
        return position;
    }

    /** @return the token of each segment when this process runs every segment of the processor */
    private Optional<List<TrackingToken>> wholeHere(String name) {
        var processor = processing.eventProcessor(name, StreamingEventProcessor.class);
        if (processor.isEmpty() || !processor.get().isRunning()) {
            return Optional.empty();
        }
        double share = 0;
        List<TrackingToken> segments = new ArrayList<>();
        for (EventTrackerStatus segment : processor.get().processingStatus().values()) {
            segments.add(segment.getTrackingToken());
            share += 1.0 / (segment.getSegment().getMask() + 1);
        }
        return share < 0.999_999 ? Optional.empty() : Optional.of(segments);
    }

    /** Per processor, the position up to which every one of its segments has handled every event. */
    private static Map<String, Long> handled(Map<String, List<TrackingToken>> segments, long checkedUpTo,
                                             Set<Long> storedGaps) {
        Map<String, Long> handled = new HashMap<>();
        segments.forEach((name, tokens) -> handled.put(name, handledByEvery(tokens, checkedUpTo, storedGaps)));
        return handled;
    }

    /**
     * The position up to which each of these segments has handled every event. A gap in a token is an event committed
     * late that the segment has yet to see, or an index a transaction took and never committed (an outage leaves those
     * behind, and Axon keeps them in the token for a long while); only the first kind holds the position back. The
     * gaps up to {@code checkedUpTo} that are not among {@code storedGaps} were found to be of the second kind; every
     * other gap counts as an event not yet handled.
     */
    private static long handledByEvery(List<TrackingToken> segments, long checkedUpTo, Set<Long> storedGaps) {
        long position = Long.MAX_VALUE;
        for (TrackingToken token : segments) {
            position = Math.min(position, handledBy(token, checkedUpTo, storedGaps));
        }
        return position;
    }

    private static long handledBy(TrackingToken token, long checkedUpTo, Set<Long> storedGaps) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current == null) {
            return -1;
        }
        long position = current.position().orElse(-1);
        if (current instanceof GapAwareTrackingToken gapAware) {
            for (long gap : gapAware.getGaps()) {
                if (gap > checkedUpTo || storedGaps.contains(gap)) {
                    return Math.min(position, gap - 1);
                }
            }
        }
        return position;
    }

    private static Set<Long> gapsUpTo(TrackingToken token, long position) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        return current instanceof GapAwareTrackingToken gapAware ? gapAware.getGaps().headSet(position + 1) : Set.of();
    }
}
