package com.bbossiregi.timedeal.query.audit.projection;

import com.bbossiregi.timedeal.api.audit.ProjectionStatus;
import java.util.Collection;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * Where a streaming processor stands, summed up over the segments this instance holds.
 *
 * @param position  the lowest position of the segments, or null when this instance holds none
 * @param replaying whether a segment is replaying and has not caught up yet
 * @param error     whether a segment is stuck on a failing event
 */
record ProcessorProgress(Long position, boolean replaying, boolean error) {

    static ProcessorProgress of(Collection<EventTrackerStatus> segments) {
        Long lowest = null;
        boolean replaying = false;
        boolean error = false;
        for (EventTrackerStatus segment : segments) {
            long position = positionOf(segment.getTrackingToken());
            lowest = lowest == null ? position : Math.min(lowest, position);
            // A segment that has replayed up to the head still says "replaying" until the next live event.
            replaying |= segment.isReplaying() && !segment.isCaughtUp();
            error |= segment.isErrorState();
        }
        return new ProcessorProgress(lowest, replaying, error);
    }

    /**
     * The lower bound, because a replay token also carries the position the replay started from, which the processor
     * has not reached again yet. A segment without a token has handled nothing: it stands before the first event.
     */
    private static long positionOf(TrackingToken token) {
        TrackingToken handled = WrappedToken.unwrapLowerBound(token);
        return handled == null ? 0 : handled.position().orElse(0);
    }

    /**
     * @param head           the event store's head position, 0 when it is empty
     * @param replayStarting a replay was requested and the processor has not claimed its segments again yet
     */
    ProjectionStatus toStatus(String name, long head, boolean running, boolean processorInError,
                              boolean replayStarting) {
        long lag = position == null ? 0 : Math.max(0, head - position);
        return new ProjectionStatus(name, position, head, lag, replaying || replayStarting, running,
                error || processorInError);
    }
}
