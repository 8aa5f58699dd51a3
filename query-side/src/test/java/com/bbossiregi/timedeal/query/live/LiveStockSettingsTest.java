package com.bbossiregi.timedeal.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The write interval of one client: the configured least interval, or longer when the node's write budget is shared. */
class LiveStockSettingsTest {

    private final LiveStockSettings settings = new LiveStockSettings(Duration.ofSeconds(15), 2000, 100, 4, 4, 1000,
            Duration.ofMillis(100), 5000);

    @Test
    void fewStreamsAreWrittenAtTheLeastInterval() {
        assertThat(settings.writeIntervalNanos(0)).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(settings.writeIntervalNanos(500)).isEqualTo(Duration.ofMillis(100).toNanos());
    }

    @Test
    void manyStreamsShareTheNodesWritesASecond() {
        assertThat(settings.writeIntervalNanos(1000)).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(settings.writeIntervalNanos(2000)).isEqualTo(Duration.ofMillis(400).toNanos());
    }
}
