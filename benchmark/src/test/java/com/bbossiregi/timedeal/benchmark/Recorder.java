package com.bbossiregi.timedeal.benchmark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every answer by request name and outcome ({@code "201"}, {@code "409 INSUFFICIENT_STOCK"},
 * {@code "no_response"}) and keeps a millisecond histogram of Gatling's own response times, thread-safely, so that
 * {@code after()} can write exact counts and percentiles without parsing Gatling's report.
 *
 * <p>Each request saves {@code status}, {@code rt} and (when the body has one) {@code errorCode} through its checks;
 * {@link #record(String)} is the exec that follows it.
 */
final class Recorder {

    static final String STATUS = "bench_status";
    static final String RESPONSE_TIME = "bench_rt";
    static final String ERROR_CODE = "bench_error";
    static final String SENT_AT = "bench_sent";
    static final String NO_RESPONSE = "no_response";
    private static final int MAX_MS = 120_000;
    /** A window's histogram is smaller (a run of 30 minutes has 180 windows): a time beyond it counts as this. */
    private static final int WINDOW_MAX_MS = 10_000;

    static final class Stats {
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        final AtomicLongArray histogram;
        final LongAdder timed = new LongAdder();
        final LongAdder totalMs = new LongAdder();
        final AtomicLong maxMs = new AtomicLong();

        Stats() {
            this(MAX_MS);
        }

        /** @param maxMs the longest response time told apart; longer ones count as this */
        Stats(int maxMs) {
            histogram = new AtomicLongArray(maxMs + 1);
        }

        long count() {
            return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
        }

        /** Counts one response time; one beyond the histogram counts as its longest. */
        void time(int ms) {
            int told = Math.min(ms, histogram.length() - 1);
            histogram.incrementAndGet(told);
            timed.increment();
            totalMs.add(told);
            maxMs.accumulateAndGet(told, Math::max);
        }

        long count(String outcome) {
            LongAdder adder = outcomes.get(outcome);
            return adder == null ? 0 : adder.sum();
        }

        /** The smallest response time (ms) at or below which {@code p} percent of the timed answers fall. */
        long percentile(double p) {
            long n = timed.sum();
            if (n == 0) {
                return -1;
            }
            long rank = (long) Math.ceil(p / 100.0 * n);
            long seen = 0;
            int longest = histogram.length() - 1;
            for (int ms = 0; ms <= longest; ms++) {
                seen += histogram.get(ms);
                if (seen >= Math.max(rank, 1)) {
                    return ms;
                }
            }
            return longest;
        }
    }

    private final Map<String, Stats> byRequest = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> expected;
    private final AtomicLong firstSentMs = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastAnswerMs = new AtomicLong(0);
    /** One line per answer (sent at, answered at, outcome) when {@link #keepTimeline()} was called; else null. */
    private volatile java.util.Queue<String> timeline;
    /** Response times by the window of their send instant when {@link #keepWindows(int)} was called; else 0. */
    private volatile int windowSeconds;
    private final Map<Long, Stats> windows = new ConcurrentHashMap<>();

    /** @param expected per request name, the outcomes that are not errors (e.g. {@code "201"}) */
    Recorder(Map<String, Set<String>> expected) {
        this.expected = expected;
    }

    /** The exec to put just before a measured request: notes the first send instant, clears stale results. */
    Session beforeRequest(Session session) {
        long now = System.currentTimeMillis();
        firstSentMs.accumulateAndGet(now, Math::min);
        return session.remove(STATUS).remove(RESPONSE_TIME).remove(ERROR_CODE).set(SENT_AT, now);
    }

    /**
     * Keeps the response times also by the window of {@code seconds} their request was sent in, counted from the first
     * request: the summary's {@code latency_by_window} shows where in a run the slow answers fall (round 33 found a
     * run's first ten seconds carrying most of its p99).
     */
    void keepWindows(int seconds) {
        windowSeconds = seconds;
    }

    /** Keeps every answer's send and answer instant and outcome, for {@link #writeTimeline(Path)} (the flash sales). */
    void keepTimeline() {
        timeline = new java.util.concurrent.ConcurrentLinkedQueue<>();
    }

    /**
     * Writes the timeline as CSV: {@code sent_ms,answered_ms,outcome} with both instants in ms from the first request
     * sent, one line per request in the order they were answered; {@code no_response} for a request left without an
     * answer (connection refused or reset, or Gatling's request timeout).
     */
    void writeTimeline(Path file) {
        java.util.Queue<String> lines = timeline;
        if (lines == null) {
            return;
        }
        long first = firstSentMs.get();
        StringBuilder csv = new StringBuilder("sent_ms,answered_ms,outcome\n");
        for (String line : lines) {
            String[] f = line.split(",", 3);
            csv.append(Long.parseLong(f[0]) - first).append(',').append(Long.parseLong(f[1]) - first).append(',')
                    .append(f[2]).append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, csv);
            System.out.println("[bench] timeline written to " + file.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("[bench] could not write the timeline " + file + ": " + e);
        }
    }

    /** The exec to put just after a measured request. */
    java.util.function.Function<Session, Session> record(String request) {
        return session -> {
            long answeredAt = System.currentTimeMillis();
            lastAnswerMs.accumulateAndGet(answeredAt, Math::max);
            Stats stats = byRequest.computeIfAbsent(request, r -> new Stats());
            String outcome;
            if (session.contains(STATUS)) {
                outcome = Integer.toString(session.getInt(STATUS));
                if (session.contains(ERROR_CODE)) {
                    outcome += " " + session.getString(ERROR_CODE);
                }
            } else {
                outcome = NO_RESPONSE;
            }
            stats.outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
            java.util.Queue<String> lines = timeline;
            if (lines != null && session.contains(SENT_AT)) {
                lines.add(session.getLong(SENT_AT) + "," + answeredAt + "," + outcome);
            }
            if (session.contains(RESPONSE_TIME) && session.contains(STATUS)) {
                int ms = Math.max(0, session.getInt(RESPONSE_TIME));
                stats.time(ms);
                int seconds = windowSeconds;
                if (seconds > 0 && session.contains(SENT_AT)) {
                    long window = (session.getLong(SENT_AT) - firstSentMs.get()) / (seconds * 1000L);
                    windows.computeIfAbsent(window, w -> new Stats(WINDOW_MAX_MS)).time(ms);
                }
            }
            return session;
        };
    }

    Stats stats(String request) {
        return byRequest.computeIfAbsent(request, r -> new Stats());
    }

    long errors(String request) {
        Stats stats = stats(request);
        Set<String> ok = expected.getOrDefault(request, Set.of());
        return stats.outcomes.entrySet().stream().filter(e -> !ok.contains(e.getKey()))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    long errors() {
        return byRequest.keySet().stream().mapToLong(this::errors).sum();
    }

    long total() {
        return byRequest.values().stream().mapToLong(Stats::count).sum();
    }

    long count(String outcome) {
        return byRequest.values().stream().mapToLong(s -> s.count(outcome)).sum();
    }

    long count5xx() {
        return byRequest.values().stream().flatMap(s -> s.outcomes.entrySet().stream())
                .filter(e -> e.getKey().startsWith("5")).mapToLong(e -> e.getValue().sum()).sum();
    }

    /** Milliseconds from the first request sent to the last answer received. */
    long windowMs() {
        long first = firstSentMs.get();
        long last = lastAnswerMs.get();
        return first == Long.MAX_VALUE || last == 0 ? 0 : Math.max(1, last - first);
    }

    /** How many per second over the window from the first request to the last answer; 0 before any answer. */
    double perSecond(long count) {
        long window = windowMs();
        return window == 0 ? 0.0 : round(count * 1000.0 / window);
    }

    /** The summary's common part: totals, outcomes and percentiles, overall and per request name. */
    ObjectNode summary(String simulation, BenchConfig config) {
        ObjectNode root = Api.JSON.createObjectNode();
        root.put("simulation", simulation);
        root.put("clients", config.clients);
        root.put("run", config.run);
        root.put("duration_s", config.duration.toSeconds());
        root.put("base_url", config.baseUrl);
        root.put("finished_at", Instant.now().toString());
        long window = windowMs();
        root.put("first_request_at", firstSentMs.get() == Long.MAX_VALUE ? null : Instant.ofEpochMilli(firstSentMs.get()).toString());
        root.put("window_ms", window);
        root.put("requests", total());
        root.put("errors", errors());
        root.put("status_5xx", count5xx());
        root.put("no_response", count(NO_RESPONSE));
        ObjectNode all = root.putObject("by_status");
        Map<String, Long> merged = new TreeMap<>();
        byRequest.values().forEach(s -> s.outcomes.forEach((k, v) -> merged.merge(k, v.sum(), Long::sum)));
        merged.forEach(all::put);
        Stats overall = new Stats();
        byRequest.values().forEach(s -> {
            for (int i = 0; i <= MAX_MS; i++) {
                long c = s.histogram.get(i);
                if (c > 0) {
                    overall.histogram.addAndGet(i, c);
                }
            }
            overall.timed.add(s.timed.sum());
            overall.totalMs.add(s.totalMs.sum());
            overall.maxMs.accumulateAndGet(s.maxMs.get(), Math::max);
        });
        latency(root.putObject("latency_ms"), overall);
        if (windowSeconds > 0 && !windows.isEmpty()) {
            ObjectNode byWindow = root.putObject("latency_by_window");
            byWindow.put("window_s", windowSeconds);
            byWindow.put("max_ms", WINDOW_MAX_MS);
            var counts = byWindow.putArray("count");
            var p50 = byWindow.putArray("p50");
            var p99 = byWindow.putArray("p99");
            long last = windows.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
            for (long w = 0; w <= last; w++) {
                Stats inWindow = windows.get(w);
                counts.add(inWindow == null ? 0 : inWindow.timed.sum());
                p50.add(inWindow == null ? -1 : inWindow.percentile(50));
                p99.add(inWindow == null ? -1 : inWindow.percentile(99));
            }
        }
        ObjectNode requests = root.putObject("by_request");
        new TreeMap<>(byRequest).forEach((name, s) -> {
            ObjectNode r = requests.putObject(name);
            r.put("count", s.count());
            r.put("errors", errors(name));
            r.put("per_second", window == 0 ? 0.0 : round(s.count() * 1000.0 / window));
            ObjectNode statuses = r.putObject("by_status");
            new TreeMap<>(s.outcomes).forEach((k, v) -> statuses.put(k, v.sum()));
            latency(r.putObject("latency_ms"), s);
        });
        return root;
    }

    private static void latency(ObjectNode node, Stats s) {
        long n = s.timed.sum();
        node.put("count", n);
        node.put("mean", n == 0 ? 0.0 : round((double) s.totalMs.sum() / n));
        node.put("p50", s.percentile(50));
        node.put("p95", s.percentile(95));
        node.put("p99", s.percentile(99));
        node.put("max", s.maxMs.get());
    }

    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    static void write(ObjectNode summary, BenchConfig config, String simulation) {
        try {
            Files.createDirectories(config.resultsDir);
            Path file = config.resultsDir.resolve(simulation + "-" + config.clients + "-" + config.run + ".json");
            Api.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), summary);
            System.out.println("[bench] summary written to " + file.toAbsolutePath());
            System.out.println(Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the summary: " + e, e);
        }
    }
}
