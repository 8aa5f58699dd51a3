package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Test;

/** The lag is taken when the read model's batch has committed, from each event's own timestamp. */
class ProjectionLagTest {

    private static final Instant APPENDED = Instant.parse("2026-11-21T10:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer timer = ProjectionLag.timer(registry, "order-history");
    private final MovableClock clock = new MovableClock(APPENDED);
    private final ProjectionLag.Interceptor interceptor = new ProjectionLag.Interceptor(timer, clock);

    @Test
    void eachEventOfABatchIsTimedFromItsOwnTimestampToTheBatchCommit() {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(
                event(APPENDED, new GlobalSequenceTrackingToken(1)),
                event(APPENDED.plusMillis(20), new GlobalSequenceTrackingToken(2))));
        // The read model's transaction commits 70 ms after the first event was appended, whatever handling took.
        batch.onCommit(committing -> clock.moveTo(APPENDED.plusMillis(70)));

        batch.executeWithResult(() -> {
            clock.moveTo(APPENDED.plusMillis(5));
            return interceptor.handle(batch, () -> null);
        }, RollbackConfigurationType.ANY_THROWABLE);

        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(70 + 50);
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(70);
        assertThat(registry.get(ProjectionLag.METRIC).tag(ProjectionLag.PROJECTION_TAG, "order-history").timer())
                .isSameAs(timer);
    }

    @Test
    void aBatchThatRollsBackRecordsNothing() {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(
                event(APPENDED, new GlobalSequenceTrackingToken(1))));

        batch.executeWithResult(() -> interceptor.handle(batch, () -> {
            throw new IllegalStateException("the read model's update failed");
        }), RollbackConfigurationType.ANY_THROWABLE);

        assertThat(timer.count()).isZero();
    }

    @Test
    void eventsDeliveredDuringAReplayAreNotLag() {
        TrackingToken replaying = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(100),
                new GlobalSequenceTrackingToken(5));
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(
                event(APPENDED, ((ReplayToken) replaying).advancedTo(new GlobalSequenceTrackingToken(6)))));
        clock.moveTo(APPENDED.plus(Duration.ofDays(3)));

        batch.executeWithResult(() -> interceptor.handle(batch, () -> null), RollbackConfigurationType.ANY_THROWABLE);

        assertThat(timer.count()).isZero();
    }

    @Test
    void prometheusShowsABucketHistogramFromOneMillisecondToThirtySecondsPerProjection() {
        clock.moveTo(APPENDED.plusMillis(3));
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(
                event(APPENDED, new GlobalSequenceTrackingToken(1))));
        batch.executeWithResult(() -> interceptor.handle(batch, () -> null), RollbackConfigurationType.ANY_THROWABLE);

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("timedeal_projection_lag_seconds_bucket{projection=\"order-history\",le=\"0.001\"} 0")
                .contains("timedeal_projection_lag_seconds_bucket{projection=\"order-history\",le=\"30.0\"} 1")
                .contains("timedeal_projection_lag_seconds_bucket{projection=\"order-history\",le=\"+Inf\"} 1")
                .contains("timedeal_projection_lag_seconds_count{projection=\"order-history\"} 1");
        assertThat(scrape).doesNotContain("le=\"0.0009");
        assertThat(scrape).doesNotContain("le=\"30.5");
    }

    private static EventMessage<?> event(Instant timestamp, TrackingToken token) {
        return new GenericTrackedEventMessage<>(token,
                new GenericEventMessage<>("event-" + timestamp.toEpochMilli(), "payload", Map.of(), timestamp));
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void moveTo(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
