package com.bbossiregi.timedeal.platform.ratelimit;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.platform.support.Causes;
import com.bbossiregi.timedeal.platform.support.DaemonThreads;
import com.bbossiregi.timedeal.platform.web.RetryAfter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLadvisoryLockBasedProxyManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Token buckets in PostgreSQL through Bucket4j, so every node of a cluster spends from the same bucket. A bucket is
 * named by its limit and its subject (a client address, an account); its row is keyed by a 64-bit hash of the two.
 * <p>
 * Cost: a check is one short transaction on the bucket's row (advisory lock, read, write). A node may spend
 * {@code unsynchronized-share} of a bucket locally, for up to one period, before writing it back
 * ({@link #optimization}), so a busy bucket (an address with many shoppers, a shopper ordering often) costs one
 * transaction per so many requests; a small limit is synchronized on every request, and requests that then arrive
 * together for it are merged into one transaction. Of a bucket it has not read yet, the node spends that same share
 * without reading it ({@link Subject}): a subject that stays within it (a shopper's one order in a flash sale) costs
 * no transaction at all. If the database cannot be reached the request is let through: a limiter outage
 * must not stop the shop.
 */
public class RateLimiter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final int CLEANUP_BATCH = 1000;

    private final RateLimitSettings settings;
    private final PostgreSQLadvisoryLockBasedProxyManager<Long> buckets;
    /**
     * Each bucket's state on this node: its first share and, once that is spent, its proxy (Bucket4j's batching merges
     * concurrent calls made through the same proxy, so each bucket keeps one). Found by the bucket's name, so that its
     * row key, a hash, is worked out once per bucket and not on every request (an MD5 digest per limit per request was
     * 1.6 % of the application's samples under the hot deal, docs/benchmarks.md round 35).
     */
    private final Cache<BucketName, Subject> subjects =
            Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final ScheduledExecutorService cleaner;

    public RateLimiter(DataSource dataSource, RateLimitSettings settings) {
        this.settings = settings;
        this.buckets = Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
        // Rows of buckets that filled up again describe nothing; any node may delete them (Bucket4j skips rows another
        // node holds). A plain timer is enough: losing a run only leaves rows for the next one.
        this.cleaner = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("rate-limit-cleanup"));
        long every = settings.cleanupInterval().toMillis();
        cleaner.scheduleWithFixedDelay(this::removeExpired, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Spends one request from the bucket of {@code limitName} for {@code subject}.
     *
     * @throws DomainException {@code RATE_LIMITED} with {@link RetryAfter} details when the bucket is empty
     */
    public void check(String limitName, String subject, RateLimitSettings.Limit limit) {
        long waitSeconds = tryConsume(limitName, subject, limit);
        if (waitSeconds > 0) {
            throw new DomainException(ErrorCode.RATE_LIMITED,
                    "Too many requests; try again in " + waitSeconds + " s", new RetryAfter(waitSeconds));
        }
    }

    /** @return 0 when the request may go ahead, else the whole seconds until the bucket has a token again */
    public long tryConsume(String limitName, String subject, RateLimitSettings.Limit limit) {
        if (!settings.applies(limit)) {
            return 0;
        }
        Subject state = subject(limitName, subject, limit);
        long spentHere = state.spendLocally(System.nanoTime());
        if (spentHere < 0) {
            return 0;
        }
        ConsumptionProbe probe;
        try {
            probe = state.shared(limit, spentHere).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException first) {
            // Bucket4j's batching fails a whole batch with "bucket does not exist" when requests reach a bucket together
            // while its row is missing (the first requests for a bucket, or the first after the clean-up removed its
            // row), instead of creating it as a request alone does: the row is created alone, then the request is
            // tried again. Any other failure (a connection lost in between) is tried again as it is.
            try {
                if (Causes.find(first, BucketNotFoundException.class).isPresent()) {
                    state.createRow(limit);
                }
                probe = state.shared(limit, spentHere).tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                log.warn("Rate limit '{}' could not be checked; letting the request through: {}", limitName, e.toString());
                return 0;
            }
        }
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }

    /**
     * Gives back the request {@link #check} spent, for limits that count only failures (a successful log-in is not
     * password guessing).
     */
    public void refund(String limitName, String subject, RateLimitSettings.Limit limit) {
        if (!settings.applies(limit)) {
            return;
        }
        Subject state = subject(limitName, subject, limit);
        if (state.refundLocally()) {
            return;
        }
        try {
            state.shared(limit, 0).addTokens(1);
        } catch (RuntimeException e) {
            log.warn("Rate limit '{}' could not be refunded: {}", limitName, e.toString());
        }
    }

    private Subject subject(String limitName, String subject, RateLimitSettings.Limit limit) {
        return subjects.get(new BucketName(limitName, subject),
                name -> new Subject(key(name.limitName(), name.subject()), limit, localShare(limit)));
    }

    /** A bucket: a limit and whom it counts. */
    private record BucketName(String limitName, String subject) {
    }

    /** The tokens of a bucket a node may spend without writing it back: {@code unsynchronized-share} of its capacity. */
    private long localShare(RateLimitSettings.Limit limit) {
        return (long) Math.floor(limit.capacity() * settings.unsynchronizedShare());
    }

    /**
     * One bucket as this node sees it. Bucket4j's optimizations read a bucket before a node spends any of it locally,
     * so the first request of every subject was a transaction of its own: in a flash sale, where each shopper orders
     * once, every order paid one before anything else (without it, the 1000-shopper sale's p99 came down from 1214 to
     * 946 ms in paired runs, docs/benchmarks.md round 21). Hence this, in front of Bucket4j: the node spends the
     * bucket's local share (the same share the delaying optimization allows) in each period without reading the
     * bucket; the request past it writes what was spent here to the bucket, and from then on the bucket goes through
     * Bucket4j's proxy as before. What a node lets through unseen stays within one share: first here, then in the
     * proxy, never both, since the proxy starts from a bucket that counts what was spent here.
     */
    private final class Subject {

        private final long key;
        private final long share;
        private final long periodNanos;
        private long periodStart;
        private long spent;
        /** Set once the share is spent within a period; from then on every request goes through it. */
        private BucketProxy proxy;

        Subject(long key, RateLimitSettings.Limit limit, long share) {
            this.key = key;
            this.share = share;
            this.periodNanos = limit.period().toNanos();
            this.periodStart = System.nanoTime();
        }

        /**
         * @return -1 when the request was let through on this node's share; otherwise the requests spent here that
         * the caller must write to the bucket before spending from it (0 once that was done)
         */
        synchronized long spendLocally(long now) {
            if (proxy != null || share < 1) {
                return 0;
            }
            if (now - periodStart >= periodNanos) {
                // A whole period later the bucket has refilled whatever was spent here: nothing to write.
                periodStart = now;
                spent = 0;
            }
            if (spent < share) {
                spent++;
                return -1;
            }
            return spent;
        }

        /** @return true when the request to refund was one let through here and is now given back here */
        synchronized boolean refundLocally() {
            if (proxy == null && spent > 0) {
                spent--;
                return true;
            }
            return false;
        }

        /** Creates the bucket's row if it is missing, through a proxy of its own that sends this one request alone. */
        void createRow(RateLimitSettings.Limit limit) {
            buckets.builder().build(key, () -> configuration(limit)).getAvailableTokens();
        }

        /** The bucket's proxy, first charged with the {@code spentHere} requests let through on this node's share. */
        synchronized BucketProxy shared(RateLimitSettings.Limit limit, long spentHere) {
            if (proxy == null) {
                BucketProxy created = buckets.builder()
                        .withOptimization(optimization(limit))
                        .build(key, () -> configuration(limit));
                if (spentHere > 0) {
                    created.consumeIgnoringRateLimits(spentHere);
                }
                proxy = created;
            }
            return proxy;
        }
    }

    /**
     * Bucket4j's delaying lets this node spend a share of a bucket's capacity before writing it back, so a busy bucket
     * costs a database round trip per so many requests, not per request; a limit too small for a whole token of that
     * share is synchronized on every request. The tokens bound what a node lets through unseen; the time only bounds
     * how long the bucket's row may lag behind, and is one period: with a tenth of the period, a shopper ordering a few
     * times a second (the per-account limit refills in a second) was synchronized on every order, a database
     * transaction per order for a bucket far from empty.
     */
    private Optimization optimization(RateLimitSettings.Limit limit) {
        long unsynchronized = localShare(limit);
        if (unsynchronized < 1) {
            return Optimizations.batching();
        }
        return Optimizations.delaying(new DelayParameters(unsynchronized, limit.period()));
    }

    private static BucketConfiguration configuration(RateLimitSettings.Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build();
    }

    static long key(String limitName, String subject) {
        return UUID.nameUUIDFromBytes((limitName + '\n' + subject).getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
    }

    void removeExpired() {
        try {
            while (buckets.removeExpired(CLEANUP_BATCH) == CLEANUP_BATCH) {
                // another full batch may be waiting
            }
        } catch (RuntimeException e) {
            log.debug("Rate limit clean-up skipped: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        cleaner.shutdownNow();
    }
}
