package com.bbossiregi.timedeal.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of the one-command run: what it promises a commit, and what happens when it ends under a
 * running application. Real servers on throw-away data directories.
 */
class EmbeddedServerTest {

    private static final Duration RESTART = Duration.ofSeconds(60);

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

    @Test
    void aServerKilledWhileInUseIsStartedAgainOnItsPortWithEveryCommittedRow() throws Exception {
        Path dataDir = folder.resolve("postgres");
        try (EmbeddedServer server = EmbeddedServer.start(settings(true))) {
            String url = server.jdbcUrl();
            try (Connection connection = DriverManager.getConnection(url);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id int PRIMARY KEY)");
                statement.execute("INSERT INTO kept SELECT generate_series(1, 1000)");
            }
            for (int kill = 1; kill <= 2; kill++) {
                ProcessHandle killed = postmaster(dataDir);
                killed.destroyForcibly();
                killed.onExit().get(10, TimeUnit.SECONDS);

                long deadline = System.nanoTime() + RESTART.toNanos();
                Long rows = null;
                while (rows == null && System.nanoTime() < deadline) {
                    rows = countOrNull(url);
                    if (rows == null) {
                        Thread.sleep(100);
                    }
                }
                assertThat(rows).as("rows on the same URL after kill " + kill).isEqualTo(1000L);
                assertThat(server.jdbcUrl()).isEqualTo(url);
                assertThat(postmaster(dataDir).pid()).isNotEqualTo(killed.pid());
            }
            assertThat(Files.readString(EmbeddedServer.logFile(dataDir)))
                    .contains("database system was interrupted").contains("redo");
        }
        assertThat(dataDir.resolve("postmaster.pid")).as("closed: stopped, and not started again").doesNotExist();
        Thread.sleep(1500); // the watch looks every 0.5 s
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
    }

    /**
     * Where the JVM is a container's first process, an ended postmaster becomes its zombie, never reaped: the JDK
     * counts it alive (so a watch on it never fires) and PostgreSQL would take its postmaster.pid for a running server.
     */
    @Test
    void aZombieCountsAsEnded() throws Exception {
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.2 & echo $!; exec sleep 30").start();
        try {
            long child = Long.parseLong(parent.inputReader().readLine().trim());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (LeftoverServer.isRunning(child) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(LeftoverServer.isRunning(child)).as("ended, not reaped").isFalse();
            assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).as("what the JDK says of it").contains(true);
            assertThat(LeftoverServer.isRunning(parent.pid())).isTrue();
        } finally {
            parent.destroyForcibly();
        }
    }

    private EmbeddedDatabaseProperties settings(boolean fsync) {
        return new EmbeddedDatabaseProperties(folder.resolve("postgres").toString(), 0, fsync, Duration.ofSeconds(60),
                Duration.ofSeconds(60));
    }

    private static ProcessHandle postmaster(Path dataDir) {
        return LeftoverServer.postmasterPid(dataDir).flatMap(ProcessHandle::of).orElseThrow();
    }

    private static String show(EmbeddedServer server, String setting) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
             ResultSet result = connection.createStatement().executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }

    private static Long countOrNull(String url) {
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet result = connection.createStatement().executeQuery("SELECT count(*) FROM kept")) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            return null;
        }
    }
}
