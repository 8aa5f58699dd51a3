package com.bbossiregi.timedeal.platform.axon;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Read-your-writes for a command answer: waits, within a bound, until the read models that run in this process
 * have processed everything the event store held when asked. A client that gets a 201 can then read the
 * reservation straight away. Read models that run in another process are not waited for.
 */
public class ReadModelCatchUp {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final Set<String> readModels;
    private final Set<String> readModelsAndSagas;

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

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private boolean awaitPosition(long headPosition, Set<String> processors, long deadline) {
        while (!caughtUp(headPosition, processors)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
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
