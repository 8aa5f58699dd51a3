package com.bbossiregi.timedeal.benchmark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live-stock delay under load: {@code -DliveSubscribers=N} (0, the default, is off) server-sent event streams on the
 * deal's {@code /api/v1/timedeals/{id}/live}, opened after the deal is created and before the load phase, ramped in
 * batches so the node's accept queue is not flooded. For every {@code change} event received while measuring, the
 * receipt time minus the state's {@code changed_at} (the timestamp of the deal's event, taken when the aggregate
 * applied it just before its transaction committed) goes into a millisecond histogram: an upper bound of commit to
 * receipt. Both clocks are this machine's.
 * <p>
 * Lean on purpose, since it shares the two cores with the application: one HTTP/1.1 connection per subscriber on one
 * client, lines as the JDK decodes them, and of each {@code data:} line only {@code changed_at} is read, by a
 * substring search and digit arithmetic (no JSON parse per event per subscriber).
 */
final class LiveStockProbe {

    private static final String CHANGED_AT = "\"changed_at\":\"";
    private static final int BATCH = 50;
    private static final long SETTLE_MS = 500;
    private static final long SETTLE_MAX_MS = 10_000;

    private final int subscribers = Integer.getInteger("liveSubscribers", 0);
    private final String baseUrl;
    private final Recorder.Stats delays = new Recorder.Stats();
    private final LongAdder events = new LongAdder();
    private final LongAdder unparsed = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger disconnects = new AtomicInteger();
    private final List<Stream> streams = new ArrayList<>();
    private int connected;
    private int refused;
    private volatile boolean measuring;
    private volatile boolean closing;
    private ExecutorService executor;
    private HttpClient client;

    LiveStockProbe(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    boolean enabled() {
        return subscribers > 0;
    }

    /** Opens the streams (a batch at a time, each waiting for its answers) and starts measuring. */
    void start(long dealId) {
        if (!enabled()) {
            return;
        }
        executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "live-probe");
            thread.setDaemon(true);
            return thread;
        });
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/timedeals/" + dealId + "/live"))
                .header("Accept", "text/event-stream").GET().build();
        long began = System.currentTimeMillis();
        for (int from = 0; from < subscribers; from += BATCH) {
            List<CompletableFuture<Integer>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(subscribers, from + BATCH); i++) {
                Stream stream = new Stream();
                streams.add(stream);
                batch.add(stream.answered);
                // The response's future completes only when the body ends; the status is known at the headers.
                client.sendAsync(request, info -> {
                    stream.answered.complete(info.statusCode());
                    return info.statusCode() == 200 ? HttpResponse.BodySubscribers.fromLineSubscriber(stream)
                            : HttpResponse.BodySubscribers.discarding();
                }).whenComplete((response, failure) -> stream.answered.complete(-1));
            }
            for (CompletableFuture<Integer> answer : batch) {
                try {
                    if (answer.get(30, TimeUnit.SECONDS) == 200) {
                        connected++;
                    } else {
                        refused++;
                    }
                } catch (Exception e) {
                    refused++;
                }
            }
        }
        System.out.printf("[bench] live stock: %d of %d streams open on deal %d in %d ms (%d refused)%n", connected,
                subscribers, dealId, System.currentTimeMillis() - began, refused);
        measuring = true;
    }

    /**
     * Waits until no event has arrived for a moment (bounded), stops measuring, closes the streams and puts
     * {@code live_stock} into the summary.
     */
    void stop(ObjectNode summary) {
        if (!enabled()) {
            return;
        }
        long deadline = System.currentTimeMillis() + SETTLE_MAX_MS;
        long seen = -1;
        while (seen != events.sum() && System.currentTimeMillis() < deadline) {
            seen = events.sum();
            BenchSimulation.sleep(SETTLE_MS);
        }
        measuring = false;
        int connectedAtEnd = open.get();
        closing = true;
        streams.forEach(Stream::cancel);
        executor.shutdownNow();
        ObjectNode node = summary.putObject("live_stock");
        node.put("subscribers", subscribers);
        node.put("connected", connected);
        node.put("connected_at_end", connectedAtEnd);
        node.put("refused", refused);
        node.put("events", events.sum());
        node.put("p50_ms", delays.timed.sum() == 0 ? null : delays.percentile(50));
        node.put("p95_ms", delays.timed.sum() == 0 ? null : delays.percentile(95));
        node.put("p99_ms", delays.timed.sum() == 0 ? null : delays.percentile(99));
        node.put("max_ms", delays.timed.sum() == 0 ? null : delays.maxMs.get());
        node.put("disconnects", disconnects.get());
        if (unparsed.sum() > 0) {
            node.put("unparsed", unparsed.sum());
        }
        System.out.printf("[bench] live stock: %s%n", node);
    }

    private void record(String data, long receivedMs) {
        long changedAt = changedAtMillis(data);
        if (changedAt < 0) {
            unparsed.increment();
            return;
        }
        delays.time((int) Math.max(0, Math.min(Integer.MAX_VALUE, receivedMs - changedAt)));
        events.increment();
    }

    /**
     * The epoch milliseconds of {@code "changed_at":"2026-12-01T17:20:08.123456Z"} in an event's data, read without
     * a JSON parser; -1 when absent or not in that shape (Instant's ISO form: UTC, seconds, optional fraction).
     */
    static long changedAtMillis(String data) {
        int at = data.indexOf(CHANGED_AT);
        if (at < 0) {
            return -1;
        }
        int i = at + CHANGED_AT.length();
        if (data.length() < i + 20 || data.charAt(i + 10) != 'T') {
            return -1;
        }
        try {
            long day = LocalDate.of(digits(data, i, 4), digits(data, i + 5, 2), digits(data, i + 8, 2)).toEpochDay();
            long seconds = day * 86_400 + digits(data, i + 11, 2) * 3600L + digits(data, i + 14, 2) * 60L
                    + digits(data, i + 17, 2);
            int millis = 0;
            int p = i + 19;
            if (data.charAt(p) == '.') {
                for (int scale = 100; scale > 0 && Character.isDigit(data.charAt(++p)); scale /= 10) {
                    millis += (data.charAt(p) - '0') * scale;
                }
            }
            return seconds * 1000 + millis;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(s.substring(from, from + count));
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** One subscriber's stream, line by line: remembers the event's name until its data line. */
    private final class Stream implements Flow.Subscriber<String> {

        /** The answer's status once its headers arrived; -1 when it failed before. */
        final CompletableFuture<Integer> answered = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        private boolean change;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (closing) {
                subscription.cancel();
                return;
            }
            open.incrementAndGet();
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                change = false;
            } else if (line.startsWith("event:")) {
                change = line.startsWith("change", 6);
            } else if (change && measuring && line.startsWith("data:")) {
                record(line, System.currentTimeMillis());
            }
        }

        @Override
        public void onError(Throwable throwable) {
            ended();
        }

        @Override
        public void onComplete() {
            ended();
        }

        private void ended() {
            if (subscription == null) {
                return;
            }
            open.decrementAndGet();
            if (!closing) {
                disconnects.incrementAndGet();
            }
        }

        void cancel() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
