package com.bbossiregi.timedeal.benchmark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the application inside the load generator's own JVM, for the flash sales' generator to warm its
 * code up on before the measured burst: each flash sale starts a Gatling JVM of its own, and without this its first
 * requests ran through Gatling's HTTP client, Netty's connection set-up and the checks while they were still being
 * interpreted and compiled, on the two cores the application needs (docs/benchmarks.md, round 42). The warm-up's
 * requests never reach the application: they are answered here, one in ten with a 201 and the rest with a 409 in the
 * contract's error envelope, so the generator runs the same code for them (a new connection each, the shopper's
 * token, the JSON body, the status and error-code checks) as for the sale's own requests.
 * <p>
 * JDK's own HTTP server: nothing to add to the harness's dependencies, and it only has to answer a few thousand
 * requests on the loopback.
 */
final class GeneratorWarmUp implements AutoCloseable {

    private static final byte[] PLACED = "{\"data\":{\"order_id\":\"warm-up\",\"status\":\"reserved\",\"quantity\":1}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] SOLD_OUT = ("{\"error\":{\"code\":\"INSUFFICIENT_STOCK\",\"message\":\"Not enough stock left "
            + "for this deal\",\"details\":{\"available\":0,\"requested\":1}}}").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final AtomicLong answered = new AtomicLong();

    GeneratorWarmUp() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("the warm-up's stand-in server did not start", e);
        }
        // No executor: the server's own thread answers each request, as it can take a few bytes in and out at once.
        server.createContext("/", this::answer);
        server.start();
    }

    /** Where the warm-up's requests go: the stand-in, never the application. */
    String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    long answered() {
        return answered.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
            body.readAllBytes();
            boolean placed = answered.getAndIncrement() % 10 == 0;
            byte[] answer = placed ? PLACED : SOLD_OUT;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(placed ? 201 : 409, answer.length);
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
