package com.bbossiregi.timedeal.platform.security;

import com.bbossiregi.timedeal.platform.database.DatabaseMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The token signing key (HS256) and lifetime. Only the embedded demo run may fall back to the built-in development
 * key; a run against a real database refuses to start without a key of its own.
 */
public final class JwtSettings {

    public static final String SECRET_PROPERTY = "timedeal.security.jwt-secret";
    static final String DEVELOPMENT_SECRET = "timedeal-development-only-signing-key-never-use-in-production";
    private static final Logger log = LoggerFactory.getLogger(JwtSettings.class);
    private static final int MIN_SECRET_BYTES = 32;

    private final SecretKey key;
    private final Duration lifetime;

    private JwtSettings(SecretKey key, Duration lifetime) {
        this.key = key;
        this.lifetime = lifetime;
    }

    public static JwtSettings from(SecuritySettings settings, Environment environment) {
        String secret = settings.jwtSecret();
        boolean embedded = DatabaseMode.of(environment) == DatabaseMode.EMBEDDED;
        if (!StringUtils.hasText(secret) || DEVELOPMENT_SECRET.equals(secret)) {
            if (!embedded) {
                throw new IllegalStateException(SECRET_PROPERTY + " (env TIMEDEAL_SECURITY_JWT_SECRET) must be set to a "
                        + "secret of your own when running against a real database");
            }
            log.warn("Signing tokens with the built-in development key: fine for the embedded demo, never for production");
            secret = DEVELOPMENT_SECRET;
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(SECRET_PROPERTY + " must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return new JwtSettings(new SecretKeySpec(bytes, "HmacSHA256"), settings.tokenLifetime());
    }

    public SecretKey key() {
        return key;
    }

    public Duration lifetime() {
        return lifetime;
    }
}
