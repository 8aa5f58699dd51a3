package com.bbossiregi.timedeal.platform.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The readiness probe's {@code processors} check: every event processor of this node runs, none of its streaming
 * processors' segments is stuck on a failing event, and each is at most {@code maxLag} events behind the event
 * store's head over the segments this node holds. A processor holding no segment here (another node has them, or it
 * has not claimed one yet) is ready; so is one replaying on an admin's request, which serves while it rebuilds.
 *
 * <p>The head is read only when a processor is running and not failing, so a database that has gone away (the
 * processors then report errors) does not make the probe wait on the connection pool.
 */
public class ProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final LongSupplier headPosition;
    private final long maxLag;

    public ProcessorsHealthIndicator(EventProcessingConfiguration processing, LongSupplier headPosition, long maxLag) {
        super("The event processors could not be inspected");
        this.processing = processing;
        this.headPosition = headPosition;
        this.maxLag = maxLag;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean ready = true;
        Long head = null;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Map.Entry<String, EventProcessor> entry : new java.util.TreeMap<>(processing.eventProcessors()).entrySet()) {
            EventProcessor processor = entry.getValue();
            Map<String, Object> detail = new LinkedHashMap<>();
            details.put(entry.getKey(), detail);
            detail.put("running", processor.isRunning());
            if (!processor.isRunning()) {
                ready = false;
                continue;
            }
            if (!(processor instanceof StreamingEventProcessor streaming)) {
                continue;
            }
            Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
            boolean error = streaming.isError() || segments.values().stream().anyMatch(EventTrackerStatus::isErrorState);
            detail.put("error", error);
            if (error) {
                ready = false;
                continue;
            }
            if (segments.isEmpty()) {
                detail.put("segments", 0);
                continue;
            }
            boolean replaying = segments.values().stream().anyMatch(s -> s.isReplaying() && !s.isCaughtUp());
            long position = segments.values().stream()
                    .mapToLong(s -> positionOf(s.getTrackingToken())).min().orElse(-1);
            if (head == null) {
                head = headPosition.getAsLong();
            }
            long lag = Math.max(0, head - position);
            detail.put("segments", segments.size());
            detail.put("lag", lag);
            detail.put("replaying", replaying);
            if (lag > maxLag && !replaying) {
                ready = false;
            }
        }
        (ready ? builder.up() : builder.down()).withDetail("maxLag", maxLag).withDetails(details);
    }

    /** The lower bound, so that a replay counts from where it has got to; -1 before the first event. */
    private static long positionOf(TrackingToken token) {
        TrackingToken handled = WrappedToken.unwrapLowerBound(token);
        return handled == null ? -1 : handled.position().orElse(-1);
    }
}
