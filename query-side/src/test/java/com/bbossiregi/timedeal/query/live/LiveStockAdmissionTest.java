package com.bbossiregi.timedeal.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.platform.web.RetryAfter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The places of a node's live streams: five in all, two for each client address (set for the test). */
class LiveStockAdmissionTest {

    private final LiveStockFeed feed = new LiveStockFeed(null, new ObjectMapper(),
            new LiveStockSettings(Duration.ofSeconds(15), 5, 2, 4, 1, 1000, Duration.ofMillis(100), 5000));

    @AfterEach
    void stop() {
        feed.stop();
    }

    @Test
    void oneAddressHoldsItsShareAndTheNodeItsBound() {
        feed.admit("198.51.100.1");
        feed.admit("198.51.100.1");
        assertThatThrownBy(() -> feed.admit("198.51.100.1")).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.details()).isEqualTo(new RetryAfter(15));
        });
        feed.admit("198.51.100.2");
        feed.admit("198.51.100.2");
        feed.admit("198.51.100.3");
        assertThatThrownBy(() -> feed.admit("198.51.100.4")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        assertThat(feed.openStreams()).as("refusals take no place").isEqualTo(5);
        assertThat(feed.openStreams("198.51.100.1")).isEqualTo(2);
    }

    @Test
    void aPlaceIsGivenBackOnceAndAnAddressWithoutStreamsIsForgotten() {
        LiveStockFeed.Place first = feed.admit("198.51.100.1");
        LiveStockFeed.Place second = feed.admit("198.51.100.1");
        first.release();
        first.release();
        assertThat(feed.openStreams("198.51.100.1")).isEqualTo(1);
        assertThat(feed.openStreams()).isEqualTo(1);
        second.release();
        assertThat(feed.openStreams()).isZero();
        assertThat(feed.addresses()).isZero();
    }

    @Test
    void clientsRacingForPlacesNeverPassEitherBound() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<LiveStockFeed.Place>> tries = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String address = "198.51.100." + (i % 2);
                    tries.add(threads.submit(() -> {
                        go.await();
                        try {
                            return feed.admit(address);
                        } catch (DomainException refused) {
                            return null;
                        }
                    }));
                }
                go.countDown();
                List<LiveStockFeed.Place> admitted = new ArrayList<>();
                for (Future<LiveStockFeed.Place> attempt : tries) {
                    if (attempt.get() != null) {
                        admitted.add(attempt.get());
                    }
                }
                assertThat(admitted).hasSize(4);
                assertThat(feed.openStreams("198.51.100.0")).isEqualTo(2);
                assertThat(feed.openStreams("198.51.100.1")).isEqualTo(2);
                admitted.forEach(LiveStockFeed.Place::release);
                assertThat(feed.openStreams()).isZero();
                assertThat(feed.addresses()).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
