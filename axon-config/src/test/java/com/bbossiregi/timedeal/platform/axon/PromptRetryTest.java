package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptRetryTest {

    @Test
    void aProcessorNeverWaitsLongerThanTheCapBeforeItRetries() {
        // Axon's own waits after failures: 1 s, doubling up to 60 s.
        assertThat(PromptRetry.Processor.cappedWait(1_000, 2_000)).isEqualTo(1_000);
        assertThat(PromptRetry.Processor.cappedWait(8_000, 2_000)).isEqualTo(2_000);
        assertThat(PromptRetry.Processor.cappedWait(60_000, 2_000)).isEqualTo(2_000);
    }
}
