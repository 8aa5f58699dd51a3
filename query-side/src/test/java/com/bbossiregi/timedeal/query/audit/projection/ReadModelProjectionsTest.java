package com.bbossiregi.timedeal.query.audit.projection;

import static com.bbossiregi.timedeal.query.audit.projection.ProcessorProgressTest.at;
import static com.bbossiregi.timedeal.query.audit.projection.ProcessorProgressTest.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.bbossiregi.timedeal.api.audit.ProjectionStatus;
import com.bbossiregi.timedeal.platform.axon.ReadModelGroups;
import com.bbossiregi.timedeal.platform.axon.deadletter.DeadLetters;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.SagaConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class ReadModelProjectionsTest {

    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final EventStore eventStore = mock(EventStore.class);
    private final Map<String, FakeProcessor> processors = new HashMap<>();
    private ReadModelProjections projections;

    @BeforeEach
    void wireProcessors() {
        SagaConfiguration<?> saga = mock(SagaConfiguration.class);
        when(saga.processingGroup()).thenReturn("order-saga");
        when(processing.sagaConfigurations()).thenReturn(List.of(saga));
        when(processing.eventProcessorByProcessingGroup(anyString(), any()))
                .thenAnswer(call -> Optional.ofNullable(processors.get(call.<String>getArgument(0)))
                        .map(FakeProcessor::processor));
        when(eventStore.createHeadToken()).thenReturn(at(40));
        processors.put("deal-listing", new FakeProcessor(at(40)));
        processors.put("order-history", new FakeProcessor(at(25)));
        processors.put("order-saga", new FakeProcessor(at(40)));
        projections = new ReadModelProjections(processing, eventStore,
                new ReadModelGroups(List.of("deal-listing", "order-history", "order-saga")),
                new DeadLetters(List.of(), () -> processing, Map.of()));
    }

    @Test
    void everyReadModelIsListedButNeverTheSagaEvenWhenConfiguredAsOne() {
        assertThat(projections.statuses()).containsExactly(
                new ProjectionStatus("deal-listing", 40L, 40, 0, false, true, false),
                new ProjectionStatus("order-history", 25L, 40, 15, false, true, false));
    }

    @Test
    void aReadModelThatDoesNotRunHereIsNotListed() {
        processors.remove("order-history");

        assertThat(projections.statuses()).extracting(ProjectionStatus::name).containsExactly("deal-listing");
    }

    @Test
    void anEmptyStoreHasHeadZero() {
        when(eventStore.createHeadToken()).thenReturn(null);
        processors.get("deal-listing").segments.put(0, segment(null));

        assertThat(projections.statuses().get(0)).isEqualTo(
                new ProjectionStatus("deal-listing", 0L, 0, 0, false, true, false));
    }

    @Test
    void aReplayStopsResetsAndRestartsTheProcessorAndIsReplayingFromThen() {
        FakeProcessor listing = processors.get("deal-listing");

        ProjectionStatus status = projections.replay("deal-listing");

        InOrder steps = inOrder(listing.processor());
        steps.verify(listing.processor()).shutDown();
        steps.verify(listing.processor()).resetTokens();
        steps.verify(listing.processor()).start();
        assertThat(status.replaying()).isTrue();
        assertThat(status.running()).isTrue();
        assertThat(projections.statuses().get(0).replaying()).isTrue();
    }

    @Test
    void aSecondRequestBeforeTheProcessorClaimedItsSegmentsDoesNotResetAgain() {
        FakeProcessor listing = processors.get("deal-listing");
        projections.replay("deal-listing");

        ProjectionStatus again = projections.replay("deal-listing");

        assertThat(again.replaying()).isTrue();
        assertThat(listing.resets).isEqualTo(1);
    }

    @Test
    void aRequestWhileTheReplayRunsDoesNotResetAgain() {
        FakeProcessor listing = processors.get("deal-listing");
        projections.replay("deal-listing");
        EventTrackerStatus replaying = segment(ReplayToken.createReplayToken(at(40), at(10)));
        when(replaying.isReplaying()).thenReturn(true);
        listing.segments.put(0, replaying);

        ProjectionStatus again = projections.replay("deal-listing");

        assertThat(again).isEqualTo(new ProjectionStatus("deal-listing", 10L, 40, 30, true, true, false));
        assertThat(listing.resets).isEqualTo(1);
    }

    @Test
    void aFinishedReplayCanBeRequestedAgain() {
        FakeProcessor listing = processors.get("deal-listing");
        projections.replay("deal-listing");
        listing.segments.put(0, segment(at(40)));
        assertThat(projections.statuses().get(0).replaying()).isFalse();

        projections.replay("deal-listing");

        assertThat(listing.resets).isEqualTo(2);
    }

    @Test
    void theSagaIsNeverReplayed() {
        assertNotFound("order-saga");
        verify(processors.get("order-saga").processor(), never()).shutDown();
        verify(processors.get("order-saga").processor(), never()).resetTokens();
    }

    @Test
    void anUnknownNameIsNotFound() {
        assertNotFound("no-such-model");
    }

    @Test
    void aReadModelNotConfiguredAsOneIsNotFound() {
        processors.put("payments", new FakeProcessor(at(3)));

        assertNotFound("payments");
    }

    @Test
    void aFailedResetStillRestartsTheProcessor() {
        FakeProcessor listing = processors.get("deal-listing");
        doThrow(new IllegalStateException("segment claimed elsewhere")).when(listing.processor()).resetTokens();

        assertThatThrownBy(() -> projections.replay("deal-listing")).hasMessageContaining("claimed elsewhere");

        verify(listing.processor()).start();
        assertThat(projections.statuses().get(0).replaying()).isFalse();
    }

    private void assertNotFound(String name) {
        assertThatThrownBy(() -> projections.replay(name))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    /**
     * A processor that behaves like a tracking processor where it matters here: running until shut down, its
     * segments released on shutdown and not claimed again by the time {@code start} returns.
     */
    private static final class FakeProcessor {

        private final StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        private final Map<Integer, EventTrackerStatus> segments = new HashMap<>();
        private boolean running = true;
        private int resets;

        FakeProcessor(org.axonframework.eventhandling.TrackingToken position) {
            segments.put(0, segment(position));
            when(processor.processingStatus()).thenAnswer(call -> Map.copyOf(segments));
            when(processor.isRunning()).thenAnswer(call -> running);
            doAnswer(call -> {
                running = false;
                segments.clear();
                return null;
            }).when(processor).shutDown();
            doAnswer(call -> {
                resets++;
                return null;
            }).when(processor).resetTokens();
            doAnswer(call -> {
                running = true;
                return null;
            }).when(processor).start();
        }

        StreamingEventProcessor processor() {
            return processor;
        }
    }
}
