package com.bbossiregi.timedeal.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class ProcessorsHealthIndicatorTest {

    private static final long HEAD = 5_000;
    private final Map<String, EventProcessor> processors = new HashMap<>();
    private final AtomicInteger headReads = new AtomicInteger();

    @Test
    void readyWhenEveryProcessorRunsWithinTheBound() {
        processors.put("order-history", streaming(true, false, segment(HEAD - 100, false, false)));
        processors.put("order-outcomes", subscribing(true));

        Health health = health(1000);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(detail(health, "order-history")).containsEntry("lag", 100L).containsEntry("error", false);
        assertThat(detail(health, "order-outcomes")).containsEntry("running", true);
    }

    @Test
    void notReadyWhenAProcessorIsTooFarBehind() {
        processors.put("order-history", streaming(true, false, segment(HEAD - 1001, false, false)));

        assertThat(health(1000).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void notReadyWhenAProcessorFailsAndTheHeadIsNotReadThen() {
        processors.put("order-saga", streaming(true, false, segment(HEAD, true, false)));
        processors.put("order-history", streaming(true, false, segment(HEAD, false, false)));

        Health health = health(1000);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(detail(health, "order-saga")).containsEntry("error", true);
        assertThat(headReads).hasValue(0);
    }

    @Test
    void notReadyWhenAProcessorIsNotRunning() {
        processors.put("order-outcomes", subscribing(false));

        assertThat(health(1000).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void readyWhileReplayingOrHoldingNoSegmentHere() {
        processors.put("deal-listing", streaming(true, false, segment(10, false, true)));
        processors.put("order-history", streaming(true, false));

        Health health = health(1000);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(detail(health, "deal-listing")).containsEntry("replaying", true);
        assertThat(detail(health, "order-history")).containsEntry("segments", 0).doesNotContainKey("lag");
    }

    private Health health(long maxLag) {
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(processors);
        EventProcessorInspector inspector = new EventProcessorInspector(processing, () -> {
            headReads.incrementAndGet();
            return HEAD;
        });
        return new ProcessorsHealthIndicator(inspector, maxLag).health();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Health health, String processor) {
        return (Map<String, Object>) health.getDetails().get(processor);
    }

    private static EventProcessor subscribing(boolean running) {
        EventProcessor processor = mock(EventProcessor.class);
        when(processor.isRunning()).thenReturn(running);
        return processor;
    }

    private static StreamingEventProcessor streaming(boolean running, boolean error, EventTrackerStatus... segments) {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.isRunning()).thenReturn(running);
        when(processor.isError()).thenReturn(error);
        Map<Integer, EventTrackerStatus> status = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            status.put(i, segments[i]);
        }
        when(processor.processingStatus()).thenReturn(status);
        return processor;
    }

    private static EventTrackerStatus segment(long position, boolean error, boolean replaying) {
        EventTrackerStatus segment = mock(EventTrackerStatus.class);
        GlobalSequenceTrackingToken token = new GlobalSequenceTrackingToken(position);
        when(segment.getTrackingToken()).thenReturn(replaying
                ? ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(HEAD), token) : token);
        when(segment.isErrorState()).thenReturn(error);
        when(segment.isReplaying()).thenReturn(replaying);
        when(segment.isCaughtUp()).thenReturn(!replaying);
        return segment;
    }
}
