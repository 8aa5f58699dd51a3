package com.bbossiregi.timedeal.platform.health;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * How this node's event processors stand: running, failing, and how far the streaming ones are behind the event
 * store's head over the segments this node holds. Read by the readiness probe and the processor gauges.
 *
 * <p>The head is read only when some streaming processor holds a segment and none of this node's processors is
 * failing, so a database that has gone away (the processors then report errors) does not make a probe or a scrape
 * wait on the connection pool.
 */
public class EventProcessorInspector {

    /**
     * @param streaming whether it is a streaming (tracking) processor; a subscribing one has no position
     * @param segments  segments this node holds
     * @param lag       events behind the head, null when it holds no segment here, is not streaming or is failing
     */
    public record ProcessorState(boolean running, boolean streaming, boolean error, int segments, boolean replaying,
                                 Long lag) {
    }

    private final EventProcessingConfiguration processing;
    private final LongSupplier headPosition;

    public EventProcessorInspector(EventProcessingConfiguration processing, LongSupplier headPosition) {
        this.processing = processing;
        this.headPosition = headPosition;
    }

    /** @return every processor of this node by name */
    public Map<String, ProcessorState> inspect() {
        Map<String, EventProcessor> processors = new TreeMap<>(processing.eventProcessors());
        Map<String, Map<Integer, EventTrackerStatus>> statuses = new TreeMap<>();
        boolean anyError = false;
        for (Map.Entry<String, EventProcessor> entry : processors.entrySet()) {
            if (entry.getValue() instanceof StreamingEventProcessor streaming) {
                Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
                statuses.put(entry.getKey(), segments);
                anyError |= streaming.isError() || segments.values().stream().anyMatch(EventTrackerStatus::isErrorState);
            }
        }
        Long head = null;
        Map<String, ProcessorState> states = new TreeMap<>();
        for (Map.Entry<String, EventProcessor> entry : processors.entrySet()) {
            EventProcessor processor = entry.getValue();
            Map<Integer, EventTrackerStatus> segments = statuses.get(entry.getKey());
            if (segments == null) {
                states.put(entry.getKey(), new ProcessorState(processor.isRunning(), false, false, 0, false, null));
                continue;
            }
            boolean error = ((StreamingEventProcessor) processor).isError()
                    || segments.values().stream().anyMatch(EventTrackerStatus::isErrorState);
            boolean replaying = segments.values().stream().anyMatch(s -> s.isReplaying() && !s.isCaughtUp());
            Long lag = null;
            if (!anyError && !segments.isEmpty()) {
                if (head == null) {
                    head = headPosition.getAsLong();
                }
                long position = segments.values().stream()
                        .mapToLong(s -> positionOf(s.getTrackingToken())).min().orElse(-1);
                lag = Math.max(0, head - position);
            }
            states.put(entry.getKey(),
                    new ProcessorState(processor.isRunning(), true, error, segments.size(), replaying, lag));
        }
        return states;
    }

    /** The lower bound, so that a replay counts from where it has got to; -1 before the first event. */
    private static long positionOf(TrackingToken token) {
        TrackingToken handled = WrappedToken.unwrapLowerBound(token);
        return handled == null ? -1 : handled.position().orElse(-1);
    }
}
