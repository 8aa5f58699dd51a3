package com.bbossiregi.timedeal.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.platform.web.RetryAfter;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Buckets on a real PostgreSQL: two limiters on one database stand for two nodes and spend from the same buckets.
 * Also prints the cost of a check (a micro-check for the report, not an assertion).
 */
class RateLimiterTest {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        // Pooled as in the application (Hikari, 10 connections), so a check's cost is not a new connection's.
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(postgres.getPostgresDatabase());
        pool.setMaximumPoolSize(10);
        dataSource = pool;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/ratelimit").load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        ((HikariDataSource) dataSource).close();
        postgres.close();
    }

    private static RateLimitSettings settings(boolean enabled) {
        return settings(enabled, 0.1);
    }

    private static RateLimitSettings settings(boolean enabled, double unsynchronizedShare) {
        return new RateLimitSettings(enabled, null, null, null, null, null, Duration.ofMinutes(1), unsynchronizedShare);
    }

    private static RateLimitSettings.Limit limit(long capacity) {
        return RateLimitSettings.Limit.orDefaults(new RateLimitSettings.Limit(null, capacity, Duration.ofHours(1)), 1,
                Duration.ofSeconds(1));
    }

    @Test
    void twoNodesSpendFromOneBucketAndTheNextCallerLearnsWhenToComeBack() {
        RateLimiter nodeA = new RateLimiter(dataSource, settings(true));
        RateLimiter nodeB = new RateLimiter(dataSource, settings(true));
        RateLimitSettings.Limit fivePerHour = limit(5);
        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? nodeA : nodeB).check("shared", "203.0.113.1", fivePerHour);
        }
        assertThatThrownBy(() -> nodeB.check("shared", "203.0.113.1", fivePerHour))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    // One token comes back every 12 minutes.
                    assertThat(((RetryAfter) e.details()).retryAfterSeconds()).isBetween(600L, 720L);
                });
        assertThat(nodeA.tryConsume("shared", "203.0.113.1", fivePerHour)).isPositive();
        // Another subject, and the same subject under another limit, have buckets of their own.
        assertThat(nodeA.tryConsume("shared", "203.0.113.2", fivePerHour)).isZero();
        assertThat(nodeA.tryConsume("other", "203.0.113.1", fivePerHour)).isZero();
        nodeA.destroy();
        nodeB.destroy();
    }

    @Test
    void aRefundGivesTheAttemptBack() {
        RateLimiter limiter = new RateLimiter(dataSource, settings(true));
        RateLimitSettings.Limit two = limit(2);
        for (int i = 0; i < 10; i++) {
            limiter.check("refunded", "someone@example.com", two);
            limiter.refund("refunded", "someone@example.com", two);
        }
        limiter.check("refunded", "someone@example.com", two);
        limiter.check("refunded", "someone@example.com", two);
        assertThat(limiter.tryConsume("refunded", "someone@example.com", two)).isPositive();
        limiter.destroy();
    }

    @Test
    void aDisabledLimitOrAllLimitsOffLetEverythingThrough() {
        RateLimiter off = new RateLimiter(dataSource, settings(false));
        RateLimiter on = new RateLimiter(dataSource, settings(true));
        RateLimitSettings.Limit disabled = new RateLimitSettings.Limit(false, 1L, Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            assertThat(off.tryConsume("off", "x", limit(1))).isZero();
            assertThat(on.tryConsume("disabled", "x", disabled)).isZero();
        }
        off.destroy();
        on.destroy();
    }

    @Test
    void unsetFieldsKeepTheLimitsDefaults() {
        RateLimitSettings defaults = settings(true);
        assertThat(defaults.ordersPerAddress()).isEqualTo(new RateLimitSettings.Limit(true, 5000L, Duration.ofSeconds(1)));
        RateLimitSettings partly = new RateLimitSettings(true, null, null, null, null,
                new RateLimitSettings.Limit(null, 7L, null), Duration.ofMinutes(1), 0);
        assertThat(partly.ordersPerAccount()).isEqualTo(new RateLimitSettings.Limit(true, 7L, Duration.ofSeconds(1)));
    }

    @Test
    void nodesSpendingAShareLocallyOvershootTheSharedLimitByAtMostTheirShares() {
        RateLimiter nodeA = new RateLimiter(dataSource, settings(true, 0.1));
        RateLimiter nodeB = new RateLimiter(dataSource, settings(true, 0.1));
        RateLimitSettings.Limit hundred = limit(100);
        int allowed = 0;
        for (int i = 0; i < 300; i++) {
            if ((i % 2 == 0 ? nodeA : nodeB).tryConsume("delayed", "busy", hundred) == 0) {
                allowed++;
            }
        }
        assertThat(allowed).isBetween(100, 100 + 2 * 10);
        nodeA.destroy();
        nodeB.destroy();
    }

    @Test
    void aSubjectWithinItsShareCostsNoTransactionAndTheRequestPastItWritesWhatWasSpent() throws Exception {
        RateLimiter node = new RateLimiter(dataSource, settings(true, 0.1));
        RateLimitSettings.Limit hundred = limit(100);
        for (int i = 0; i < 10; i++) {
            assertThat(node.tryConsume("first-share", "shopper", hundred)).isZero();
        }
        assertThat(bucketRow("first-share", "shopper")).as("a bucket row after the share").isFalse();

        assertThat(node.tryConsume("first-share", "shopper", hundred)).isZero();
        assertThat(bucketRow("first-share", "shopper")).as("a bucket row past the share").isTrue();
        // Another node, synchronizing every request, finds the ten spent on the first node's share in the bucket (and
        // the eleventh, unless the first node still holds it in its proxy's share).
        RateLimiter other = new RateLimiter(dataSource, settings(true, 0));
        int allowed = 0;
        while (allowed < 200 && other.tryConsume("first-share", "shopper", hundred) == 0) {
            allowed++;
        }
        assertThat(allowed).isBetween(89, 90);
        node.destroy();
        other.destroy();
    }

    @Test
    void aRefundOfARequestLetThroughOnTheNodesShareGivesItBackThere() {
        RateLimiter node = new RateLimiter(dataSource, settings(true, 0.1));
        RateLimitSettings.Limit twenty = limit(20);
        for (int i = 0; i < 10; i++) {
            node.check("refunded-locally", "someone@example.com", twenty);
            node.refund("refunded-locally", "someone@example.com", twenty);
        }
        // All twenty are still there (and at most the proxy's unseen share of two more), no more.
        int allowed = 0;
        while (allowed < 100 && node.tryConsume("refunded-locally", "someone@example.com", twenty) == 0) {
            allowed++;
        }
        assertThat(allowed).isBetween(20, 22);
        node.destroy();
    }

    @Test
    void aBucketFarFromEmptyIsWrittenBackAfterItsShareOfTokensNotAfterAShareOfItsPeriod() throws Exception {
        RateLimiter node = new RateLimiter(dataSource, settings(true, 0.1));
        // 100 requests per 10 s: a node may spend 10 of them before writing the bucket back; the first ten of a bucket
        // it has not read are spent without reading it, the eleventh writes them and creates the row.
        RateLimitSettings.Limit limit = new RateLimitSettings.Limit(true, 100L, Duration.ofSeconds(10));
        for (int i = 0; i < 11; i++) {
            node.tryConsume("paced", "shopper", limit);
        }
        long created = lastWriter("paced", "shopper");

        // A shopper ordering every 1.2 s (more than a tenth of the period apart) costs no write while within its share.
        for (int i = 0; i < 2; i++) {
            Thread.sleep(1200);
            assertThat(node.tryConsume("paced", "shopper", limit)).isZero();
        }
        assertThat(lastWriter("paced", "shopper")).isEqualTo(created);

        // Past the share, the bucket is written back.
        for (int i = 0; i < 9; i++) {
            assertThat(node.tryConsume("paced", "shopper", limit)).isZero();
        }
        assertThat(lastWriter("paced", "shopper")).isNotEqualTo(created);
        node.destroy();
    }

    /**
     * Requests that reach a bucket together while its row is missing (the first for a bucket, or the first after the
     * clean-up removed a row that had filled up again) are checked, not let through unchecked with a warning: Bucket4j's
     * batching failed such a batch with "bucket does not exist" (39 requests in a second of round 50's benchmark run).
     */
    @Test
    void requestsArrivingTogetherAtAMissingRowAreCheckedNotLetThrough() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(RateLimiter.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        logger.addAppender(warnings);
        RateLimiter node = new RateLimiter(dataSource, settings(true, 0.01));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            for (int round = 0; round < 40; round++) {
                // Both kinds of bucket: one a node spends a share of locally, one synchronized on every request.
                RateLimitSettings.Limit limit = limit(round % 2 == 0 ? 1000 : 50);
                String subject = "together-" + round;
                together(pool, () -> node.tryConsume("together", subject, limit));
                try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
                    statement.execute("DELETE FROM rate_limit_bucket"); // as the clean-up does with a full bucket's row
                }
                together(pool, () -> node.tryConsume("together", subject, limit));
            }
        } finally {
            pool.shutdownNow();
            logger.detachAppender(warnings);
            node.destroy();
        }
        assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    /** 64 calls released at once. */
    private static void together(ExecutorService pool, Callable<Long> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> answers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        for (Future<Long> answer : answers) {
            answer.get();
        }
    }

    private static boolean bucketRow(String limitName, String subject) throws Exception {
        String sql = "SELECT 1 FROM rate_limit_bucket WHERE id = ?";
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, RateLimiter.key(limitName, subject));
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The transaction that last wrote the bucket's row. */
    private static long lastWriter(String limitName, String subject) throws Exception {
        String sql = "SELECT xmin::text::bigint FROM rate_limit_bucket WHERE id = ?";
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, RateLimiter.key(limitName, subject));
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next()).as("bucket row").isTrue();
                return rows.getLong(1);
            }
        }
    }

    /** Not a benchmark: prints what one check costs against a local PostgreSQL, for the report. */
    @Test
    void microCheckOfTheCostOfACheck() throws Exception {
        for (double share : new double[] {0, 0.1}) {
            System.out.printf("[rate-limit micro-check] unsynchronized-share %.1f%n", share);
            microCheck(new RateLimiter(dataSource, settings(true, share)), share);
        }
    }

    private static void microCheck(RateLimiter limiter, double share) throws Exception {
        // The default per-address order limit: with a share of 0.1 a node writes a busy bucket back every 500 requests
        // or every second.
        RateLimitSettings.Limit plenty = new RateLimitSettings.Limit(true, 5000L, Duration.ofSeconds(1));
        for (int i = 0; i < 100; i++) {
            limiter.tryConsume("warm" + share, "k" + (i % 50), plenty);
        }
        int calls = 400;
        long started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
        }
        report("baseline: 1 thread, pooled SELECT 1", calls, System.nanoTime() - started);
        started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            limiter.tryConsume("one-key" + share, "hot", plenty);
        }
        report("1 thread, one bucket", calls, System.nanoTime() - started);
        started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            limiter.tryConsume("many-keys" + share, "account-" + i, plenty);
        }
        report("1 thread, a new bucket each call", calls, System.nanoTime() - started);
        for (String shape : List.of("one bucket", "a bucket per thread")) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            AtomicInteger done = new AtomicInteger();
            started = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                String subject = shape.equals("one bucket") ? "hot" : "thread-" + t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < calls / 16; i++) {
                        limiter.tryConsume("concurrent-" + shape + share, subject, plenty);
                        done.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            report("16 threads, " + shape, done.get(), System.nanoTime() - started);
            pool.shutdown();
        }
        limiter.destroy();
    }

    private static void report(String what, int calls, long nanos) {
        System.out.printf("[rate-limit micro-check] %s: %d checks in %d ms, %.0f checks/s, %.3f ms each%n", what, calls,
                nanos / 1_000_000, calls / (nanos / 1e9), nanos / 1e6 / calls);
    }
}
