package com.bbossiregi.timedeal.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();

    private JwtDecoder verifier(Instant verifierNow) {
        return token -> {
            verifications.incrementAndGet();
            if (!token.startsWith("good")) {
                throw new BadJwtException("bad signature");
            }
            Instant expiresAt = NOW.plus(Duration.ofMinutes(30));
            if (verifierNow.minusSeconds(60).isAfter(expiresAt)) {
                throw new JwtValidationException("expired", java.util.List.of(new org.springframework.security.oauth2.core.OAuth2Error("invalid_token")));
            }
            return Jwt.withTokenValue(token).header("alg", "HS256").subject("42")
                    .issuedAt(NOW).expiresAt(expiresAt).build();
        };
    }

    @Test
    void verifiesATokenOnceAndThenAnswersFromMemory() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(verifier(NOW), Clock.fixed(NOW, ZoneOffset.UTC), 10);

        Jwt first = decoder.decode("good-token");
        Jwt second = decoder.decode("good-token");

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void neverRemembersATokenThatFailedVerification() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(verifier(NOW), Clock.fixed(NOW, ZoneOffset.UTC), 10);

        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenPastItsExpiryIsVerifiedAgainAndRefused() {
        Instant later = NOW.plus(Duration.ofMinutes(32));
        MutableClock clock = new MutableClock(NOW);
        CachingJwtDecoder decoder = new CachingJwtDecoder(token -> verifier(clock.instant()).decode(token), clock, 10);
        decoder.decode("good-token");

        clock.now = later;

        assertThatThrownBy(() -> decoder.decode("good-token")).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(2);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
