package com.bbossiregi.timedeal.platform.security;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bearer tokens ({@code timedeal.security.*}; the account status cache is {@link AccountStatusSettings}).
 *
 * @param jwtSecret           the HS256 signing key, 32 bytes or more (env {@code TIMEDEAL_SECURITY_JWT_SECRET});
 *                            unset, only the embedded demo run starts, with a built-in development key
 * @param tokenLifetime       how long a bearer token is valid
 * @param verifiedTokensCache bearer tokens whose signature was already checked (expiry is still checked on every
 *                            request)
 */
@Validated
@ConfigurationProperties("timedeal.security")
public record SecuritySettings(
        String jwtSecret,
        @DefaultValue("1h") @DurationMin(seconds = 1) Duration tokenLifetime,
        @DefaultValue("10000") @Positive long verifiedTokensCache) {
}
