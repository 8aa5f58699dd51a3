package com.bbossiregi.timedeal.platform.axon;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Read-your-writes for a command answer: waits, within a bound, until the read models have processed everything the
 * event store held when asked, wherever they run. A client that gets a 201 from any node can then read the reservation
 * through any node straight away.
 *
 * <p>Progress is judged from the shared token store, so read models on another node count like local ones; when this
 * process itself runs every segment of a read model, its in-memory status answers without a database read. A read
 * model whose processor has no token anywhere (no node runs it) is not waited for.
 *
 * <p>Under load a hundred requests wait at once. They sleep until a local processor reports progress; only while a read
 * model is judged from the token store (another node runs it) do they also re-check every few milliseconds. They share
 * reads of the event store's head and of the token store ({@link SharedRead}).
 */
public class ReadModelCatchUp implements EventTrackerStatusChangeListener {

    /** How often a waiter looks again while a read model it waits for is judged from the token store. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * How long a waiter sleeps when the read model holding it up runs whole here and reports each step: a safety net
     * should a report be missed. (A re-check every 5 ms here too was 20 000 wake-ups a second for a hundred waiters.)
     */
    private static final long REPORTED_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final EventProcessingConfiguration processing;
    private final Set<String> readModels;
    private final Set<String> readModelsAndSagas;
    private final SharedRead<Long> head;
    private final SharedRead<Map<String, List<TrackingToken>>> storedTokens;
    private final ProcessorTokens tokens;
    private final Object progress = new Object();
    private long progressReports;

    ReadModelCatchUp(EventStore eventStore, EventProcessingConfiguration processing, ProcessorTokens tokens,
                     Set<String> readModels, Set<String> sagas) {
        this.processing = processing;
        this.tokens = tokens;
        this.readModels = Set.copyOf(readModels);
        Set<String> all = new HashSet<>(readModels);
        all.addAll(sagas);
        this.readModelsAndSagas = Set.copyOf(all);
        this.head = new SharedRead<>(() -> {
            TrackingToken token = eventStore.createHeadToken();
            return token == null ? -1L : token.position().orElse(-1);
        });
        this.storedTokens = new SharedRead<>(() -> tokens.of(readModelsAndSagas));
    }

    /** @return true when caught up, false when the bound passed first (the answer is then eventually consistent) */
    public boolean awaitCaughtUp(Duration timeout) {
        return awaitPosition(head.get(), readModels, System.nanoTime() + timeout.toNanos());
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
        return false;
    }

    @Override
    public void onEventTrackerStatusChange(Map<Integer, EventTrackerStatus> updatedTrackerStatus) {
        synchronized (progress) {
            progressReports++;
            progress.notifyAll();
        }
    }

    /** A processor moving on is the change waiters care about, not only segments starting or stopping. */
    @Override
    public boolean validatePositions() {
        return true;
    }

    private boolean awaitPosition(long headPosition, Set<String> processors, long deadline) {
        while (true) {
            long reportsSeen;
            synchronized (progress) {
                reportsSeen = progressReports;
            }
            // Checked outside the monitor, so the processors reporting progress never wait for a waiter's check.
            Progress seen = progressOf(headPosition, processors);
            if (seen == Progress.CAUGHT_UP) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long sleep = Math.min(left, seen == Progress.BEHIND_REPORTED ? REPORTED_RECHECK_NANOS : RECHECK_NANOS);
            synchronized (progress) {
                if (progressReports == reportsSeen && !waitOn(progress, sleep)) {
                    return false;
                }
            }
        }
    }

    /** @return false when interrupted (the flag is kept for the caller's caller) */
    private static boolean waitOn(Object monitor, long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(monitor, nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Behind a processor of this process, whose next step is reported; or behind one judged from the token store, or
     * a late-committed gap, which only a re-check sees move.
     */
    private enum Progress { CAUGHT_UP, BEHIND_REPORTED, BEHIND_UNREPORTED }

    private Progress progressOf(long headPosition, Set<String> processors) {
        Set<Long> gaps = new TreeSet<>();
        Set<String> elsewhere = new HashSet<>();
        for (String name : processors) {
            switch (localProgress(name, headPosition, gaps)) {
                // Its progress is in this process and it reports each step: no need to ask the token store.
                case BEHIND -> {
                    return Progress.BEHIND_REPORTED;
                }
                case ELSEWHERE -> elsewhere.add(name);
                case CAUGHT_UP -> {
                }
            }
        }
        if (!elsewhere.isEmpty()) {
            Map<String, List<TrackingToken>> stored = storedTokens.get();
            for (String name : elsewhere) {
                for (TrackingToken token : stored.getOrDefault(name, List.of())) {
                    if (!covers(token, headPosition, gaps)) {
                        return Progress.BEHIND_UNREPORTED;
                    }
                }
            }
        }
        // A gap is an event committed late or an index never committed; the store tells which.
        return gaps.isEmpty() || !tokens.anyStored(gaps) ? Progress.CAUGHT_UP : Progress.BEHIND_UNREPORTED;
    }

    private enum LocalProgress { CAUGHT_UP, BEHIND, ELSEWHERE }

    /**
     * Judged from the in-memory status when this process runs every segment of the processor (gaps below the
     * position are then collected for the caller to check); otherwise the token store has to tell.
     */
    private LocalProgress localProgress(String name, long headPosition, Set<Long> gaps) {
        var processor = processing.eventProcessor(name, StreamingEventProcessor.class);
        if (processor.isEmpty() || !processor.get().isRunning()) {
            return LocalProgress.ELSEWHERE;
        }
        double share = 0;
        boolean behind = false;
        Set<Long> segmentGaps = new TreeSet<>();
        for (EventTrackerStatus segment : processor.get().processingStatus().values()) {
            behind |= !covers(segment.getTrackingToken(), headPosition, segmentGaps);
            share += 1.0 / (segment.getSegment().getMask() + 1);
        }
        if (share < 0.999_999) {
            return LocalProgress.ELSEWHERE;
        }
        if (behind) {
            return LocalProgress.BEHIND;
        }
        gaps.addAll(segmentGaps);
        return LocalProgress.CAUGHT_UP;
    }

    /**
     * Whether the token is at or past the position. The gaps it still has at or below the position are added to
     * {@code gaps}: each is either an event committed late that the processor has yet to see, or an index a transaction
     * took and never committed (an outage leaves those behind, and Axon keeps them in the token for a long while). Only
     * the first kind is worth waiting for, so the caller asks the store which of them exist.
     */
    private static boolean covers(TrackingToken token, long headPosition, Set<Long> gaps) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current == null) {
            return headPosition < 0;
        }
        if (current.position().orElse(-1) < headPosition) {
            return false;
        }
        if (current instanceof GapAwareTrackingToken gapAware) {
            gaps.addAll(gapAware.getGaps().headSet(headPosition + 1));
        }
        return true;
    }
}
