package com.bbossiregi.timedeal.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Every password the contract allows is hashed, and all of it counts. */
class BcryptPasswordsTest {

    /** The lowest cost bcrypt takes: these tests are about lengths, not strength. */
    private final BcryptPasswords passwords = new BcryptPasswords(4);

    @Test
    void aPasswordOfTheContractsGreatestLengthIsHashedAndMatches() {
        String longest = "p".repeat(100);
        String hash = passwords.encode(longest);

        assertThat(hash).startsWith("$2a$04$");
        assertThat(passwords.matches(longest, hash)).isTrue();
        assertThat(passwords.matches("p".repeat(99), hash)).isFalse();
    }

    @Test
    void theBytesPastBcryptsSeventyTwoCount() {
        String first = "a".repeat(72) + "first";
        String hash = passwords.encode(first);

        assertThat(passwords.matches(first, hash)).isTrue();
        assertThat(passwords.matches("a".repeat(72) + "other", hash)).isFalse();
        assertThat(passwords.matches("a".repeat(72), hash)).isFalse();
    }

    @Test
    void aPasswordLongInBytesThoughShortInCharactersIsHashed() {
        String korean = "비밀번호".repeat(25); // 100 characters, 300 bytes in UTF-8
        String hash = passwords.encode(korean);

        assertThat(passwords.matches(korean, hash)).isTrue();
        assertThat(passwords.matches("비밀번호".repeat(24) + "비밀번오", hash)).isFalse();
    }

    @Test
    void hashesStoredByPlainBcryptStillMatch() {
        String stored = new BCryptPasswordEncoder(4).encode("password123");

        assertThat(passwords.matches("password123", stored)).isTrue();
        assertThat(passwords.matches("password124", stored)).isFalse();
        assertThat(passwords.matches("a".repeat(72), new BCryptPasswordEncoder(4).encode("a".repeat(72)))).isTrue();
    }
}
