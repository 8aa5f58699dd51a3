package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BusyWindowTest {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final MockClock clock = new MockClock();
    private final BusyWindow window = new BusyWindow(WINDOW, clock);

    @Test
    void theBusyTimeWithinTheWindowOverTheWindow() {
        assertThat(window.busyShare()).isZero();

        window.add(seconds(6));
        clock.add(Duration.ofSeconds(20));
        window.add(seconds(9));

        assertThat(window.busyShare()).isCloseTo(15.0 / 60, within(1e-9));
    }

    @Test
    void whatEndedBeforeTheWindowNoLongerCounts() {
        window.add(seconds(6));
        clock.add(Duration.ofSeconds(30));
        window.add(seconds(3));

        clock.add(Duration.ofSeconds(29));
        assertThat(window.busyShare()).as("both within the last minute").isCloseTo(9.0 / 60, within(1e-9));

        clock.add(Duration.ofSeconds(2));
        assertThat(window.busyShare()).as("the first passed out of it").isCloseTo(3.0 / 60, within(1e-9));

        clock.add(Duration.ofSeconds(30));
        assertThat(window.busyShare()).isZero();
    }

    @Test
    void aSlotReusedAWindowLaterStartsFromNothing() {
        window.add(seconds(6));
        clock.add(WINDOW);
        window.add(seconds(1));

        assertThat(window.busyShare()).isCloseTo(1.0 / 60, within(1e-9));
    }

    @Test
    void moreThanOneThreadBusyIsMoreThanTheWholeWindow() throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int thread = 0; thread < 4; thread++) {
            threads.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    window.add(TimeUnit.MILLISECONDS.toNanos(3));
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(window.busyShare()).as("4 x 10 000 x 3 ms = 120 s in a 60 s window")
                .isCloseTo(2.0, within(1e-9));
    }

    private static long seconds(long seconds) {
        return TimeUnit.SECONDS.toNanos(seconds);
    }
}
