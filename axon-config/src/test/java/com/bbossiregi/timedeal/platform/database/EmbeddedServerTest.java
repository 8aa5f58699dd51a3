package com.bbossiregi.timedeal.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of the one-command run: what it promises a commit. Real servers on throw-away data
 * directories.
 */
class EmbeddedServerTest {

    @TempDir
    Path folder;

    @Test
    void aCommitReturnsOnlyOnceItIsOnDisk() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(settings(true))) {
            assertThat(show(server, "fsync")).isEqualTo("on");
            assertThat(show(server, "synchronous_commit")).as("a commit waits for its WAL on disk").isEqualTo("on");
        }
        try (EmbeddedServer server = EmbeddedServer.start(settings(false))) {
            assertThat(show(server, "fsync")).isEqualTo("off");
            assertThat(show(server, "synchronous_commit")).isEqualTo("off");
        }
    }

    private EmbeddedDatabaseProperties settings(boolean fsync) {
        return new EmbeddedDatabaseProperties(folder.resolve("postgres").toString(), 0, fsync, Duration.ofSeconds(60),
                Duration.ofSeconds(60));
    }

    private static String show(EmbeddedServer server, String setting) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
             ResultSet result = connection.createStatement().executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }
}
