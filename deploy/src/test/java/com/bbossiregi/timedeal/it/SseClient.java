package com.bbossiregi.timedeal.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A server-sent events client as a browser's EventSource reads a stream: events, comments, the end. */
final class SseClient implements AutoCloseable {

    /** @param receivedAt when the blank line that ends the event was read */
    record Event(String id, String name, JsonNode data, Instant receivedAt) {
        long sequence() {
            return data.path("sequence").asLong();
        }

        /** The state's {@code changed_at}: the timestamp of the last event folded in; null when absent. */
        Instant changedAt() {
            JsonNode changedAt = data.path("changed_at");
            return changedAt.isTextual() ? Instant.parse(changedAt.asText()) : null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Event END = new Event(null, "<end>", null, null);

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final CompletableFuture<Void> reading;
    private volatile int comments;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reading = CompletableFuture.runAsync(this::read);
    }

    /** Opens the stream; the answer's status and headers are known when this returns. */
    static SseClient open(int port, String path, String lastEventId) {
        return open(port, path, lastEventId, null);
    }

    /** Opens the stream through a proxy that forwards {@code clientAddress} ({@code X-Forwarded-For}) when not null. */
    static SseClient open(int port, String path, String lastEventId, String clientAddress) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        if (clientAddress != null) {
            request.header("X-Forwarded-For", clientAddress);
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            return new SseClient(client.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return header("Content-Type");
    }

    /** The answer's header, or "" when it has none. */
    String header(String name) {
        return response.headers().firstValue(name).orElse("");
    }

    int comments() {
        return comments;
    }

    private void read() {
        String id = null;
        String name = "message";
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, name, JSON.readTree(data.toString()), Instant.now()));
                    }
                    id = null;
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        } catch (IOException | RuntimeException e) {
            // closed by the test or the server
        } finally {
            events.add(END);
        }
    }

    /** The next event within the bound, or an assertion failure; null when the stream ended. */
    Event next(Duration within) {
        try {
            Event event = events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("No event within " + within);
            }
            return event == END ? null : event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next events, skipping those for which {@code skip} holds, until {@code count} were taken. */
    List<Event> take(int count, Duration within, java.util.function.Predicate<Event> skip) {
        List<Event> taken = new ArrayList<>();
        while (taken.size() < count) {
            Event event = next(within);
            if (event == null) {
                throw new AssertionError("The stream ended after " + taken);
            }
            if (!skip.test(event)) {
                taken.add(event);
            }
        }
        return taken;
    }

    @Override
    public void close() {
        reading.cancel(true);
        try {
            response.body().close();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }
}
