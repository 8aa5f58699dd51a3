package com.bbossiregi.timedeal.query.audit.stream;

import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Tells each event's own global position while reading the JDBC store in order.
 * <p>
 * A token's {@code position()} is the highest position read so far, which is the event's own one except when the
 * event fills a gap: a transaction that took a position before an event already read and committed after it. Such
 * an event's token keeps the higher index and only loses the gap, so its own position is the gap that disappeared.
 * Reporting the token's index instead would give the late event the position of another one.
 */
final class GlobalPositionTracker {

    private TrackingToken previous;

    /** @param start the token the read starts after, or null when it starts at the beginning of the store */
    GlobalPositionTracker(TrackingToken start) {
        this.previous = start;
    }

    /** Must be called for every event read, in the order read, since each answer depends on the one before. */
    long positionOf(TrackedEventMessage<?> event) {
        TrackingToken token = event.trackingToken();
        long position = token.position().orElseThrow(() -> new IllegalStateException(
                "The event store gave event " + event.getIdentifier() + " a token without a position: " + token));
        if (token instanceof GapAwareTrackingToken current && previous instanceof GapAwareTrackingToken before
                && current.getIndex() <= before.getIndex()) {
            SortedSet<Long> closedGaps = new TreeSet<>(before.getGaps());
            closedGaps.removeAll(current.getGaps());
            // Gaps the store dropped as too old may disappear at the same time; they all lie below the one filled.
            if (!closedGaps.isEmpty()) {
                position = closedGaps.last();
            }
        }
        previous = token;
        return position;
    }
}
