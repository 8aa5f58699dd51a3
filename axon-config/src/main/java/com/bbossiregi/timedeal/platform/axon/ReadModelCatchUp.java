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

    ReadModelCatchUp(EventStore eventStore, EventProcessingConfiguration processing, Set<String> readModels) {
        this.eventStore = eventStore;
        this.processing = processing;
        this.readModels = readModels;
    }

    /** @return true when caught up, false when the bound passed first (the answer is then eventually consistent) */
    public boolean awaitCaughtUp(Duration timeout) {
        TrackingToken head = eventStore.createHeadToken();
        if (head == null) {
            return true;
        }
        long headPosition = head.position().orElse(-1);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!caughtUp(headPosition)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    private boolean caughtUp(long headPosition) {
        for (String name : readModels) {
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
