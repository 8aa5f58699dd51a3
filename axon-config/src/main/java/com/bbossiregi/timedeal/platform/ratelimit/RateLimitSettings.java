package com.bbossiregi.timedeal.platform.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request rate limits, shared by every node through the database ({@code timedeal.rate-limits.*}). Each limit is a
 * token bucket of {@code capacity} requests refilled evenly over {@code period}, and can be switched off on its own;
 * any field left unset keeps that limit's default. The defaults stop floods and password guessing while letting the
 * benchmark's hundreds of orders per second from one address through (docs/benchmarks.md).
 *
 * @param enabled            every limit at once
 * @param loginPerAddress    {@code POST /auth/login} per client address
 * @param loginPerAccount    failed {@code POST /auth/login} attempts per e-mail tried, wherever they come from
 * @param registerPerAddress {@code POST /auth/register} per client address
 * @param ordersPerAddress   placing, paying and canceling orders, per client address
 * @param ordersPerAccount   placing, paying and canceling orders, per signed-in account
 * @param cleanupInterval    how often each node deletes buckets that have refilled completely
 * @param unsynchronizedShare the share of a bucket's capacity (and of its period) a node may spend before writing the
 *                            bucket back to the database: fewer round trips for busy buckets, at the price of letting
 *                            up to nodes x share x capacity more through; 0 synchronizes every request
 */
@ConfigurationProperties("timedeal.rate-limits")
public record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        Limit loginPerAddress,
        Limit loginPerAccount,
        Limit registerPerAddress,
        Limit ordersPerAddress,
        Limit ordersPerAccount,
        @DefaultValue("1m") Duration cleanupInterval,
        @DefaultValue("0.1") double unsynchronizedShare) {

    public RateLimitSettings {
        if (unsynchronizedShare < 0 || unsynchronizedShare >= 1) {
            throw new IllegalArgumentException("timedeal.rate-limits.unsynchronized-share must be at least 0 and below 1");
        }
        loginPerAddress = Limit.orDefaults(loginPerAddress, 1200, Duration.ofMinutes(1));
        loginPerAccount = Limit.orDefaults(loginPerAccount, 20, Duration.ofMinutes(1));
        registerPerAddress = Limit.orDefaults(registerPerAddress, 1200, Duration.ofMinutes(1));
        ordersPerAddress = Limit.orDefaults(ordersPerAddress, 5000, Duration.ofSeconds(1));
        ordersPerAccount = Limit.orDefaults(ordersPerAccount, 100, Duration.ofSeconds(1));
    }

    /** A limit is applied only when both it and the rate limits as a whole are enabled. */
    public boolean applies(Limit limit) {
        return enabled && limit.enabled();
    }

    /**
     * @param enabled  this limit on or off (default on)
     * @param capacity requests allowed in a burst, refilled evenly over {@code period}
     * @param period   the time in which a spent bucket fills up again
     */
    public record Limit(Boolean enabled, Long capacity, Duration period) {

        static Limit orDefaults(Limit set, long capacity, Duration period) {
            if (set == null) {
                return new Limit(true, capacity, period);
            }
            Limit limit = new Limit(set.enabled != null ? set.enabled : Boolean.TRUE,
                    set.capacity != null ? set.capacity : capacity, set.period != null ? set.period : period);
            if (limit.capacity < 1 || limit.period.isNegative() || limit.period.isZero()) {
                throw new IllegalArgumentException("A rate limit needs a capacity of at least 1 and a positive period");
            }
            return limit;
        }
    }
}
