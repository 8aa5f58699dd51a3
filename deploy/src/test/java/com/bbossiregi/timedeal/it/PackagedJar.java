package com.bbossiregi.timedeal.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application (built by {@code package} before the integration tests run) started as the README starts
 * it, {@code java -XX:SharedArchiveFile=deploy/target/app/timedeal.jsa -jar deploy/target/app/timedeal.jar} (the
 * self-contained {@code deploy/target/timedeal.jar} extracted for a quick start, with the classes the build's training
 * run archived), as a process of its own on random ports, with its output in a file the test reads.
 */
final class PackagedJar implements AutoCloseable {

    private final Process process;
    private final Path output;
    final int port;
    private final int managementPort;

    private PackagedJar(Process process, Path output, int port, int managementPort) {
        this.process = process;
        this.output = output;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** The self-contained artifact: the jar the image and the local cluster copy. */
    static Path jar() {
        return built("timedeal.jar");
    }

    /** The README's start: the artifact extracted into a launcher jar with its libraries in {@code lib/} beside it. */
    static Path launcher() {
        return built("app/timedeal.jar");
    }

    /** The classes the build's training run of the launcher archived for the README's start. */
    static Path classDataArchive() {
        return built("app/timedeal.jsa");
    }

    /** The Java running the tests: the one the build ran, so the one that trained the class-data archive. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Path built(String name) {
        Path jar = Path.of(System.getProperty("basedir", "."), "target").resolve(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the integration tests run after package");
        }
        return jar;
    }

    static PackagedJar start(Path output, Map<String, String> environment) throws IOException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx512m",
                "-XX:SharedArchiveFile=" + classDataArchive(), "-jar", launcher().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("TIMEDEAL_") || name.startsWith("SPRING_")
                || name.equals("DATABASE_URL") || name.equals("PORT"));
        builder.environment().put("PORT", Integer.toString(port));
        int managementPort = freePort();
        builder.environment().put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
        builder.environment().putAll(environment);
        return new PackagedJar(builder.start(), output, port, managementPort);
    }

    /**
     * Waits, within the bound, for {@code GET /api/v1/health} to answer 200 and then for the readiness probe to:
     * the start has finished. The API answers health before Spring's ready event, whose listeners still log (SpringDoc
     * warns that its endpoints are on), so a test reading the log from the health answer on would see the start's
     * last lines as its own.
     */
    void awaitHealthy(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        awaitOk(URI.create("http://localhost:" + port + "/api/v1/health"), deadline, within);
        awaitOk(URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"), deadline, within);
    }

    private void awaitOk(URI uri, long deadline, Duration within) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the application exited with " + process.exitValue() + ":\n" + tail(60));
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no 200 from " + uri + " within " + within + ":\n" + tail(60));
    }

    Api api() {
        return new Api(port);
    }

    long pid() {
        return process.pid();
    }

    /** {@code kill -9}: no shutdown hook runs, so the embedded PostgreSQL is left running. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** {@code SIGTERM}, as an operator or a container runtime stops it, and waits for the process to end. */
    int stop(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the application did not stop within " + within + ":\n" + tail(60));
        }
        return process.exitValue();
    }

    List<String> lines() throws IOException {
        return Files.readAllLines(output, StandardCharsets.UTF_8);
    }

    String tail(int count) {
        try {
            List<String> lines = lines();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static List<String> warningsAndErrors(List<String> lines) {
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            // Boot's console format: "<timestamp>  WARN <pid> --- ..." / "<timestamp> ERROR <pid> --- ..."
            if (line.matches("^\\S+\\s+(WARN|ERROR)\\s.*")) {
                found.add(line);
            }
        }
        return found;
    }
}
