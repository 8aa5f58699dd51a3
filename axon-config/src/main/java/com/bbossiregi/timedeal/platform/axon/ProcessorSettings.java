package com.bbossiregi.timedeal.platform.axon;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The streaming processors (the order saga, each read model), {@code timedeal.processors.*}.
 *
 * @param batchSize     the most events per transaction for the read models. A batch holds what the event store has
 *                      when the processor reads, up to this: a small one under light load, a full one only when the
 *                      read model falls behind, where a larger batch is fewer transactions and fewer statements an
 *                      event (each read model writes its batch's rows as it commits), so it catches up sooner
 *                      (docs/benchmarks.md, round 28)
 * @param sagaBatchSize events per transaction for the order saga
 * @param segments      segments of each processor when its tokens are first created, and threads per node for it.
 *                      Nodes claim segments in the shared token store; every node can run every segment, so a lone
 *                      survivor takes over all of them once a dead node's claims time out
 *                      ({@code axon.eventhandling.tokenstore.claim-timeout}). One segment is the single-node set-up; a
 *                      cluster uses 2 or 4. Changing it for an existing store needs a split or merge of the segments.
 * @param retry         how a tracking processor retries after a failure
 */
@Validated
@ConfigurationProperties("timedeal.processors")
public record ProcessorSettings(
        @DefaultValue("100") @Positive int batchSize,
        @DefaultValue("100") @Positive int sagaBatchSize,
        @DefaultValue("1") @Positive int segments,
        @DefaultValue @Valid Retry retry) {

    /**
     * @param maxWait the longest a tracking processor waits before it retries after a failure (Axon's own wait doubles
     *                up to a minute)
     */
    public record Retry(@DefaultValue("2s") @DurationMin(millis = 1) Duration maxWait) {
    }
}
