package com.bbossiregi.timedeal.platform.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that a previous run started on this data directory and never stopped: a {@code kill -9} of
 * the JVM leaves the embedded server running, holding the directory ({@code postmaster.pid}), so a new server on it
 * cannot start. It is found through the server's own {@code postmaster.pid}, checked to be a PostgreSQL process
 * serving this directory, and stopped cleanly, so the next start is a normal one.
 *
 * <p>The library starting the embedded server has no such step: it would wait for a server on a new port until its
 * start-up timeout and fail without saying why.
 */
final class LeftoverServer {

    private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);

    private final Path dataDir;
    private final long pid;
    private final String port;

    private LeftoverServer(Path dataDir, long pid, String port) {
        this.dataDir = dataDir;
        this.pid = pid;
        this.port = port;
    }

    /**
     * The server named by the data directory's {@code postmaster.pid}, when that process is alive, is a PostgreSQL
     * server and serves this directory. A stale file (its process gone or a zombie, or the number now belongs to
     * some other program) is removed: PostgreSQL would refuse to start over it.
     */
    static Optional<LeftoverServer> find(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (RuntimeException e) {
            log.warn("Removing an unreadable {} (no server can own it)", pidFile);
            Files.deleteIfExists(pidFile);
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(handle -> EmbeddedServer.isRunning(pid));
        boolean postgres = process.flatMap(handle -> handle.info().command())
                .map(command -> Path.of(command).getFileName().toString())
                .filter(name -> name.equals("postgres") || name.equals("postgres.exe"))
                .isPresent();
        boolean sameDirectory = lines.size() > 1 && sameDirectory(Path.of(lines.get(1).trim()), dataDir);
        if (process.isEmpty() || !postgres) {
            log.info("Removing {}: process {} that wrote it is gone", pidFile, pid);
            Files.deleteIfExists(pidFile);
            return Optional.empty();
        }
        if (!sameDirectory) {
            throw new IllegalStateException("PostgreSQL process " + pid + " named in " + pidFile
                    + " serves another data directory (" + (lines.size() > 1 ? lines.get(1) : "unknown")
                    + "); stop it or remove the file by hand");
        }
        return Optional.of(new LeftoverServer(dataDir, pid, lines.size() > 3 ? lines.get(3).trim() : "unknown"));
    }

    /**
     * Stops the server with {@code SIGTERM} (PostgreSQL's smart shutdown: it lets open sessions end, and the killed
     * run's sessions are already gone; then it checkpoints) and waits for the process to end. Signalled directly
     * rather than through {@code pg_ctl}, which refuses to run as root, while the library runs the server in a user
     * namespace of its own then.
     */
    void stop(Duration timeout) {
        log.warn("A PostgreSQL server (pid {}, port {}) left running on {} by a run that did not stop normally; "
                + "stopping it before starting a new one", pid, port, dataDir);
        ProcessHandle process = ProcessHandle.of(pid).orElse(null);
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("PostgreSQL process " + pid + " on " + dataDir + " did not stop within "
                    + timeout + " (is a client still connected to port " + port + "?); stop it by hand: kill -INT "
                    + pid, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not wait for PostgreSQL process " + pid + " to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping PostgreSQL process " + pid, e);
        }
        log.info("Stopped the PostgreSQL server left running on {}", dataDir);
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
