package com.bbossiregi.timedeal.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens it has already verified. A shopper sends the same bearer token with every request, and parsing
 * it and checking its signature each time was a tenth of a placed order's request cost. A remembered token is the
 * same string the signature was checked on, so its claims are the same; only its expiry can change, and that is
 * checked on every use.
 */
final class CachingJwtDecoder implements JwtDecoder {

    /** The same leeway Spring's default validator gives. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    CachingJwtDecoder(JwtDecoder verifier, Clock clock, long maximumTokens) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maximumTokens).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && !expired(known)) {
            return known;
        }
        if (known != null) {
            verified.invalidate(token);
        }
        // Throws for a bad signature, a malformed token or an expired one.
        Jwt jwt = verifier.decode(token);
        verified.put(token, jwt);
        return jwt;
    }

    private boolean expired(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && clock.instant().minus(CLOCK_SKEW).isAfter(expiresAt);
    }
}
