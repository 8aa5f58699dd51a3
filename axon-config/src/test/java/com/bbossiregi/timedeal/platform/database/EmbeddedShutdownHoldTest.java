package com.bbossiregi.timedeal.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The library's shutdown hook stops its server through the same {@code close()} (guarded by the flag the hold
 * raises), so a close before the hold is released stands for the hook running early: it must leave the server up.
 */
class EmbeddedShutdownHoldTest {

    @Test
    void theServerStaysUpUntilItsOwnerReleasesTheHold() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        EmbeddedShutdownHold hold = EmbeddedShutdownHold.take(postgres);
        try {
            postgres.close();
            assertThat(answers(postgres)).isTrue();
        } finally {
            hold.release();
            postgres.close();
        }
        assertThatThrownBy(() -> answers(postgres)).isInstanceOf(SQLException.class);
    }

    private static boolean answers(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            return connection.isValid(5);
        }
    }
}
