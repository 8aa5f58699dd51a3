package com.bbossiregi.timedeal.platform.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bearer tokens and what a node remembers of accounts ({@code timedeal.security.*}).
 *
 * @param jwtSecret           the HS256 signing key, 32 bytes or more (env {@code TIMEDEAL_SECURITY_JWT_SECRET});
 *                            unset, only the embedded demo run starts, with a built-in development key
 * @param tokenLifetime       how long a bearer token is valid
 * @param verifiedTokensCache bearer tokens whose signature was already checked (expiry is still checked on every
 *                            request)
 * @param accountStatus       how long a node trusts what it last read of an account's status
 */
@Validated
@ConfigurationProperties("timedeal.security")
public record SecuritySettings(
        String jwtSecret,
        @DefaultValue("1h") @DurationMin(seconds = 1) Duration tokenLifetime,
        @DefaultValue("10000") @Positive long verifiedTokensCache,
        @DefaultValue @Valid AccountStatus accountStatus) {

    /**
     * A banned or deactivated account is refused on every node at most {@code rememberFor} after the change.
     *
     * @param rememberFor     how long one read of an account's status is used
     * @param maximumAccounts accounts remembered per node
     */
    public record AccountStatus(@DefaultValue("5s") @DurationMin(millis = 0) Duration rememberFor,
                                @DefaultValue("100000") @Positive long maximumAccounts) {
    }
}
