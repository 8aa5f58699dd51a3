package com.bbossiregi.timedeal.platform.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
 *                            up to nodes x share x capacity more through; 0 synchronizes every request. A node also
 *                            spends that share of a bucket it has not read yet without reading it, once a period
 */
@Validated
@ConfigurationProperties("timedeal.rate-limits")
public record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        @Valid Limit loginPerAddress,
        @Valid Limit loginPerAccount,
        @Valid Limit registerPerAddress,
        @Valid Limit ordersPerAddress,
        @Valid Limit ordersPerAccount,
        @DefaultValue("1m") @DurationMin(millis = 1) Duration cleanupInterval,
        @DefaultValue("0.1") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) double unsynchronizedShare) {

    /**
     * The limits' defaults differ per limit, so they are filled in here rather than by {@code @DefaultValue}; the
     * configuration metadata repeats them (additional-spring-configuration-metadata.json), and RateLimitDefaultsTest
     * checks that the two agree. Invalid values are refused by the constraints after binding, naming the setting.
     */
    public RateLimitSettings {
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
    public record Limit(Boolean enabled, @Positive Long capacity, @DurationMin(millis = 1) Duration period) {

        static Limit orDefaults(Limit set, long capacity, Duration period) {
            if (set == null) {
                return new Limit(true, capacity, period);
            }
            return new Limit(set.enabled != null ? set.enabled : Boolean.TRUE,
                    set.capacity != null ? set.capacity : capacity, set.period != null ? set.period : period);
        }
    }
}
