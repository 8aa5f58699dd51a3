package com.bbossiregi.timedeal.platform.axon;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
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
 * Read-your-writes for a command answer: waits, within a bound, until the read models that run in this process
 * have processed everything the event store held when asked. A client that gets a 201 can then read the
 * reservation straight away. Read models that run in another process are not waited for.
 *
 * <p>Under load a hundred requests wait at once. They sleep until a processor reports progress (it is this class's
 * tracker status listener) instead of polling, and they share reads of the event store's head: a read that began
 * after a request asked covers that request too.
 */
public class ReadModelCatchUp implements EventTrackerStatusChangeListener {

    /** Re-check now and then even without a report, should one be missed (a processor stopping, say). */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final Set<String> readModels;
    private final Set<String> readModelsAndSagas;
    private final Object progress = new Object();
    private final Object headLock = new Object();
    /** Requests for the head, numbered; a read covers every request numbered up to where it started. */
    private long headRequests;
    private long headReadCovers = -1;
    private long headReadValue;
    private boolean headReading;
    private long progressReports;

    ReadModelCatchUp(EventStore eventStore, EventProcessingConfiguration processing, Set<String> readModels,
                     Set<String> sagas) {
        this.eventStore = eventStore;
        this.processing = processing;
        this.readModels = Set.copyOf(readModels);
        Set<String> all = new java.util.HashSet<>(readModels);
        all.addAll(sagas);
        this.readModelsAndSagas = Set.copyOf(all);
    }

    /** @return true when caught up, false when the bound passed first (the answer is then eventually consistent) */
    public boolean awaitCaughtUp(Duration timeout) {
        return awaitPosition(headPosition(), readModels, System.nanoTime() + timeout.toNanos());
    }

    /**
     * For a command that sets off a chain of sagas (a deal canceled cancels its orders, which release their stock):
     * waits until the sagas and read models of this process have handled everything and no new event follows.
     */
    public boolean awaitSettled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long head = headPosition();
        while (awaitPosition(head, readModelsAndSagas, deadline)) {
            long next = headPosition();
            if (next == head) {
                return true;
            }
            head = next;
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

    /** The head as of a moment after this call began: a read already under way then is not enough. */
    private long headPosition() {
        long covers;
        synchronized (headLock) {
            long ticket = ++headRequests;
            while (headReading && headReadCovers < ticket) {
                if (!waitOn(headLock, Long.MAX_VALUE)) {
                    return readHead();
                }
            }
            if (headReadCovers >= ticket) {
                return headReadValue;
            }
            headReading = true;
            covers = headRequests;
        }
        boolean read = false;
        long value = -1;
        try {
            value = readHead();
            read = true;
            return value;
        } finally {
            synchronized (headLock) {
                headReading = false;
                if (read) {
                    headReadCovers = covers;
                    headReadValue = value;
                }
                headLock.notifyAll();
            }
        }
    }

    private long readHead() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private boolean awaitPosition(long headPosition, Set<String> processors, long deadline) {
        while (true) {
            long reportsSeen;
            synchronized (progress) {
                reportsSeen = progressReports;
            }
            // Checked outside the monitor, so the processors reporting progress never wait for a waiter's check.
            if (caughtUp(headPosition, processors)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            synchronized (progress) {
                if (progressReports == reportsSeen && !waitOn(progress, Math.min(left, RECHECK_NANOS))) {
                    return false;
                }
            }
        }
    }

    /** @return false when interrupted (the flag is kept for the caller's caller) */
    private static boolean waitOn(Object monitor, long nanos) {
        try {
            if (nanos == Long.MAX_VALUE) {
                monitor.wait();
            } else {
                TimeUnit.NANOSECONDS.timedWait(monitor, nanos);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean caughtUp(long headPosition, Set<String> processors) {
        for (String name : processors) {
            var processor = processing.eventProcessor(name, StreamingEventProcessor.class);
            if (processor.isEmpty() || !processor.get().isRunning()) {
                continue;
            }
            var status = processor.get().processingStatus();
            if (status.isEmpty()) {
                return false;
            }
            for (EventTrackerStatus segment : status.values()) {
                if (!covers(segment.getTrackingToken(), headPosition)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean covers(TrackingToken token, long headPosition) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current == null) {
            return headPosition < 0;
        }
        if (current.position().orElse(-1) < headPosition) {
            return false;
        }
        // An event committed late sits in a gap below the position until the processor has seen it.
        return !(current instanceof GapAwareTrackingToken gapAware)
                || gapAware.getGaps().headSet(headPosition + 1).isEmpty();
    }
}
