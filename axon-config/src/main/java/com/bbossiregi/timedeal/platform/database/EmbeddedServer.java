package com.bbossiregi.timedeal.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of one run: started on the data directory (after stopping a server a killed run left
 * there, see {@link LeftoverServer}), stopped when the Spring context closes, after everything that uses it.
 *
 * <p>The server writes its log to a file beside the data directory ({@code <data-dir>.log}, the previous run's kept
 * as {@code <data-dir>.log.previous}); a start that fails names the last lines of that log in its exception.
 */
public final class EmbeddedServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
    private static final int LOG_LINES_ON_FAILURE = 20;

    private final EmbeddedPostgres postgres;
    private final EmbeddedShutdownHold shutdownHold;
    private final Path dataDir;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.shutdownHold = EmbeddedShutdownHold.take(postgres);
    }

    public static EmbeddedServer start(EmbeddedDatabaseProperties settings) throws IOException {
        Path dataDir = Path.of(settings.dataDir()).toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        stopLeftover(dataDir, settings);
        Path logFile = logFile(dataDir);
        if (Files.exists(logFile)) {
            Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".previous"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(settings.startupTimeout())
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setServerConfig("max_connections", "200")
                // The library starts the server with -F (fsync off) and synchronous_commit=off (a commit answered
                // before its WAL is on disk, lost to a machine crash): a 201 must be durable when it is sent, so
                // both are on unless the data is declared throw-away. A later -c wins over -F.
                .setServerConfig("fsync", settings.fsync() ? "on" : "off")
                .setServerConfig("synchronous_commit", settings.fsync() ? "on" : "off");
        if (settings.port() > 0) {
            builder.setPort(settings.port());
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            String tail = tail(logFile);
            log.error("Embedded PostgreSQL with data in {} did not start; the last lines of {}:\n{}", dataDir,
                    logFile, tail);
            throw new IllegalStateException("Embedded PostgreSQL with data in " + dataDir + " did not start ("
                    + e.getMessage() + "); the last lines of " + logFile + ":\n" + tail, e);
        }
        log.info("Embedded PostgreSQL on port {} with data in {} (fsync and synchronous commit {}, log in {})",
                postgres.getPort(), dataDir, settings.fsync() ? "on" : "off", logFile);
        return new EmbeddedServer(postgres, dataDir);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    /** Stops the server (a fast shutdown) once nothing in this context uses it any more. */
    @Override
    public void close() throws IOException {
        shutdownHold.release();
        postgres.close();
        log.info("Embedded PostgreSQL with data in {} stopped", dataDir);
    }

    static Path logFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    /**
     * A server left running by a killed run is stopped; one that a live run (in this JVM or another) still uses is
     * left alone and this start refuses. The live run holds the library's lock file in the data directory.
     */
    private static void stopLeftover(Path dataDir, EmbeddedDatabaseProperties settings) throws IOException {
        if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDir.resolve("epg-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw new IllegalStateException("The embedded PostgreSQL data directory " + dataDir
                        + " is in use by another running instance; stop it or set TIMEDEAL_DATA_DIR to another folder");
            }
            var leftover = LeftoverServer.find(dataDir);
            if (leftover.isPresent()) {
                leftover.get().stop(settings.stopTimeout());
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
