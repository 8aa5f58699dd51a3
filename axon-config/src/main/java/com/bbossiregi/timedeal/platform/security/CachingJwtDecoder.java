package com.bbossiregi.timedeal.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * Remembers tokens it has already verified. A shopper sends the same bearer token with every request, and parsing
 * it and checking its signature each time was a tenth of a placed order's request cost. A remembered token is the
 * same string the signature was checked on, so its claims are the same; only time can make it invalid, so Spring's
 * own timestamp check (expiry and not-before, with its default leeway) runs on every use.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder verifier;
    private final JwtTimestampValidator stillValid = new JwtTimestampValidator();
    private final Cache<String, Jwt> verified;

    CachingJwtDecoder(JwtDecoder verifier, Clock clock, long maximumTokens) {
        this.verifier = verifier;
        this.stillValid.setClock(clock);
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
        return stillValid.validate(jwt).hasErrors();
    }
}
