package com.bbossiregi.timedeal.command.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt for every password the contract allows (8 to 100 characters, so up to 400 bytes in UTF-8). bcrypt reads only
 * the first 72 bytes of a password, and Spring's {@link BCryptPasswordEncoder} refuses to hash a longer one (an
 * {@code IllegalArgumentException} since the fix of CVE-2025-22228), which turned a registration with a long password
 * into a 500. Spring has no bcrypt encoder that hashes such a password down first, hence this one: a password longer
 * than 72 bytes is hashed as the Base64 of its SHA-256 (44 bytes), so that every byte of it counts; a shorter one is
 * hashed as it is, so every hash stored before keeps matching.
 */
public final class BcryptPasswords implements PasswordEncoder {

    /** What bcrypt reads of a password. */
    static final int BCRYPT_MAX_BYTES = 72;

    private final BCryptPasswordEncoder bcrypt;

    public BcryptPasswords(int strength) {
        this.bcrypt = new BCryptPasswordEncoder(strength);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bcrypt.encode(fitted(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bcrypt.matches(fitted(rawPassword), encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return bcrypt.upgradeEncoding(encodedPassword);
    }

    /** The password as bcrypt gets it: itself when bcrypt reads all of it, its digest otherwise. */
    static CharSequence fitted(CharSequence rawPassword) {
        if (rawPassword == null) {
            return null; // bcrypt's own refusal
        }
        byte[] bytes = rawPassword.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= BCRYPT_MAX_BYTES) {
            return rawPassword;
        }
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
