package com.bbossiregi.timedeal.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * A command-line tool the deployment files are checked with ({@code kubectl}, {@code docker-compose},
 * {@code haproxy}). Missing on a developer's machine, the test is skipped; missing in CI ({@code CI=true}), it fails:
 * {@code .ci/run} installs what is missing.
 */
final class DeployTool {

    /** The deploy module's folder, where Maven runs its tests. */
    static final Path DEPLOY = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    private final Path executable;

    private DeployTool(Path executable) {
        this.executable = executable;
    }

    static DeployTool require(String name, String debianPackage) {
        Optional<Path> found = onPath(name);
        if (found.isEmpty()) {
            String message = name + " is not installed (Debian package " + debianPackage + "; .ci/run installs it)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return new DeployTool(found.get());
    }

    private static Optional<Path> onPath(String name) {
        // Daemons such as haproxy live in /usr/sbin, which a non-root PATH may lack.
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts the tool in the background, its output discarded (a server the test talks to). */
    Process start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).directory(DEPLOY.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Starts the tool as a server ({@link #start}) and waits until it accepts connections on {@code port}. */
    Process startListening(int port, String... arguments) throws IOException, InterruptedException {
        Process server = start(arguments);
        for (int attempt = 0; attempt < 100; attempt++) {
            assertThat(server.isAlive()).as(executable.getFileName() + " is running").isTrue();
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.destroy();
        throw new AssertionError(executable.getFileName() + " does not listen on " + port);
    }

    /** A real haproxy serving {@code config} (checked with {@code haproxy -c} first), once it listens on {@code port}. */
    Process startHaproxy(String config, int port) throws IOException, InterruptedException {
        Path file = Files.createTempFile("haproxy", ".cfg");
        Files.writeString(file, config);
        file.toFile().deleteOnExit();
        succeed(Map.of(), "-c", "-q", "-f", file.toString());
        return startListening(port, "-db", "-f", file.toString());
    }

    /** A stand-in node on a free local port that answers every request 200 with {@code answer}'s text. */
    static HttpServer standInNode(Function<HttpExchange, String> answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = answer.apply(exchange).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    Result run(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(DEPLOY.toFile());
        // A null value takes the variable out of the tool's environment.
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within two minutes");
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the tool, asserts it succeeded, and answers its standard output. */
    String succeed(Map<String, String> environment, String... arguments) {
        Result result = run(environment, arguments);
        assertThat(result.exitCode())
                .as("%s %s failed:%n%s", executable.getFileName(), String.join(" ", arguments), result.stderr())
                .isZero();
        return result.stdout();
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
