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
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(handle -> isRunning(pid));
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

    /** The pid in the data directory's {@code postmaster.pid}, when there is a readable one. */
    static Optional<Long> postmasterPid(Path dataDir) {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the process runs: not gone, and not a zombie (ended, waiting for a parent that never reaps it). */
    static boolean isRunning(long pid) {
        if (!Files.isReadable(Path.of("/proc/self/stat"))) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String fields = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (command) state ...": the command may hold spaces and parentheses, the state follows the last ')'.
            char state = fields.charAt(fields.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X' && state != 'x';
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /**
     * Clears the data directory of the server {@code postmaster}, which ended without stopping (killed, or crashed)
     * while this JVM used it, so that a new server can start on it: waits until the ended server's own processes have
     * left its shared memory (each notices the death within moments; PostgreSQL refuses a folder whose old segment is
     * still in use, and the library would wait out its whole start-up timeout), then removes its
     * {@code postmaster.pid} and its socket's lock file, which PostgreSQL and {@code pg_ctl} take for a running
     * server's while the ended postmaster is a zombie still owning its pid.
     *
     * @throws IllegalStateException when another PostgreSQL server runs on the directory meanwhile
     */
    static void clearEnded(Path dataDir, long postmaster, Duration timeout) throws IOException {
        List<String> pidFile = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sharedMemoryInUse(pidFile) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (find(dataDir).isPresent()) {
            throw new IllegalStateException("another PostgreSQL server runs on " + dataDir);
        }
        removeSocketLock(pidFile, postmaster);
    }

    /**
     * Whether the segment named in line 7 of {@code postmaster.pid} ({@code key shmid}) has processes attached.
     * Linux lists the segments in {@code /proc/sysvipc/shm}; elsewhere the start is tried at once.
     */
    private static boolean sharedMemoryInUse(List<String> pidFile) {
        try {
            String shmid = pidFile.size() > 6 ? pidFile.get(6).trim().split("\\s+")[1] : null;
            Path segments = Path.of("/proc/sysvipc/shm");
            if (shmid == null || !Files.isReadable(segments)) {
                return false;
            }
            // Columns: key shmid perms size cpid lpid nattch ...
            return Files.readAllLines(segments).stream().skip(1).map(line -> line.trim().split("\\s+"))
                    .anyMatch(row -> row.length > 6 && row[1].equals(shmid) && !row[6].equals("0"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Deletes {@code <socket dir>/.s.PGSQL.<port>.lock} (lines 5 and 4 of postmaster.pid) when the ended one wrote it. */
    private static void removeSocketLock(List<String> pidFile, long postmaster) throws IOException {
        if (pidFile.size() < 5 || pidFile.get(4).isBlank()) {
            return;
        }
        Path lock = Path.of(pidFile.get(4).trim(), ".s.PGSQL." + pidFile.get(3).trim() + ".lock");
        List<String> lines = Files.exists(lock) ? Files.readAllLines(lock) : List.of();
        if (!lines.isEmpty() && lines.get(0).trim().equals(Long.toString(postmaster))) {
            Files.delete(lock);
        }
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
