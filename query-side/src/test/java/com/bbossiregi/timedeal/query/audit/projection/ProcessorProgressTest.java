package com.bbossiregi.timedeal.query.audit.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.bbossiregi.timedeal.api.audit.ProjectionStatus;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class ProcessorProgressTest {

    @Test
    void theSlowestSegmentIsThePosition() {
        ProcessorProgress progress = ProcessorProgress.of(List.of(segment(at(42)), segment(at(17))));

        assertThat(progress.position()).isEqualTo(17L);
        assertThat(progress.toStatus("deal-listing", 50, true, false, false))
                .isEqualTo(new ProjectionStatus("deal-listing", 17L, 50, 33, false, true, false));
    }

    @Test
    void aCaughtUpProcessorHasNoLag() {
        ProjectionStatus status = ProcessorProgress.of(List.of(segment(at(50)))).toStatus("order-history", 50, true,
                false, false);

        assertThat(status.lag()).isZero();
    }

    @Test
    void aHeadReadBeforeTheProcessorMovedOnNeverMakesANegativeLag() {
        assertThat(ProcessorProgress.of(List.of(segment(at(51)))).toStatus("x", 50, true, false, false).lag()).isZero();
    }

    @Test
    void aReplayStandsWhereItHasReplayedToNotWhereItWasReset() {
        TrackingToken replay = ReplayToken.createReplayToken(at(90), at(30));
        EventTrackerStatus segment = segment(replay);
        when(segment.isReplaying()).thenReturn(true);

        ProcessorProgress progress = ProcessorProgress.of(List.of(segment));

        assertThat(progress.position()).isEqualTo(30L);
        assertThat(progress.replaying()).isTrue();
        assertThat(progress.toStatus("deal-listing", 90, true, false, false).lag()).isEqualTo(60);
    }

    @Test
    void aReplayThatCaughtUpIsNoLongerReplaying() {
        EventTrackerStatus segment = segment(ReplayToken.createReplayToken(at(90), at(90)));
        when(segment.isReplaying()).thenReturn(true);
        when(segment.isCaughtUp()).thenReturn(true);

        assertThat(ProcessorProgress.of(List.of(segment)).replaying()).isFalse();
    }

    @Test
    void aSegmentWithoutATokenStandsBeforeTheFirstEvent() {
        ProcessorProgress progress = ProcessorProgress.of(List.of(segment(null)));

        assertThat(progress.position()).isZero();
        assertThat(progress.toStatus("x", 12, true, false, false).lag()).isEqualTo(12);
    }

    @Test
    void withoutSegmentsThePositionIsUnknownAndTheLagZero() {
        ProjectionStatus status = ProcessorProgress.of(Collections.emptyList()).toStatus("x", 12, false, false, false);

        assertThat(status.position()).isNull();
        assertThat(status.lag()).isZero();
        assertThat(status.running()).isFalse();
    }

    @Test
    void aReplayThatHasNotClaimedItsSegmentsYetIsReplaying() {
        assertThat(ProcessorProgress.of(List.of()).toStatus("x", 12, true, false, true).replaying()).isTrue();
    }

    @Test
    void aFailingSegmentOrAPausedProcessorIsAnError() {
        EventTrackerStatus failing = segment(at(3));
        when(failing.isErrorState()).thenReturn(true);

        assertThat(ProcessorProgress.of(List.of(segment(at(5)), failing)).toStatus("x", 5, true, false, false).error())
                .isTrue();
        assertThat(ProcessorProgress.of(List.of(segment(at(5)))).toStatus("x", 5, true, true, false).error()).isTrue();
        assertThat(ProcessorProgress.of(List.of(segment(at(5)))).toStatus("x", 5, true, false, false).error()).isFalse();
    }

    static TrackingToken at(long position) {
        return GapAwareTrackingToken.newInstance(position, Collections.emptySet());
    }

    static EventTrackerStatus segment(TrackingToken token) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getTrackingToken()).thenReturn(token);
        return status;
    }
}
