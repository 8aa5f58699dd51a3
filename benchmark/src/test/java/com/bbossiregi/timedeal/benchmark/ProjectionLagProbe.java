package com.bbossiregi.timedeal.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Projection lag over the load phase, from the application's own histogram {@code timedeal_projection_lag_seconds}
 * (per read model: event timestamp to the commit of the read model's batch that handled it) on
 * {@code /actuator/prometheus} on the management port, scraped when the load starts and again once it is over and
 * the read models have caught up. The difference of the two scrapes' cumulative bucket counts is this run's histogram; its
 * percentiles are interpolated linearly within the bucket they fall in, as Prometheus's {@code histogram_quantile}
 * does, so they are only as exact as the bucket bounds (near 100 ms a bucket is about 22 ms wide; the bucket of the
 * p99 is written next to it). A failed scrape never fails the run: the figure is null with a warning.
 * <p>
 * The same two scrapes give the run's snapshots taken from memory, per aggregate type, with how long they held their
 * aggregate's lock in all ({@code timedeal_snapshots_lock_held_seconds}, a timer the application registers with its
 * first snapshot): the grown deal's tail came from them (docs/benchmarks.md, rounds 44 and 47).
 */
final class ProjectionLagProbe {

    static final String PATH = "/actuator/prometheus";
    static final String BUCKET = "timedeal_projection_lag_seconds_bucket";
    static final String SNAPSHOT_TIMER = "timedeal_snapshots_lock_held_seconds";
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final long SETTLE_MS = 30_000;

    private final Api api;
    private final Api metrics;
    private Map<String, TreeMap<Double, Double>> atStart;
    private Map<String, double[]> snapshotsAtStart;
    private String warning;

    ProjectionLagProbe(Api api, Api metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    /** The first scrape, when the load phase starts. */
    void start() {
        try {
            String scrape = scrape();
            atStart = buckets(scrape);
            snapshotsAtStart = snapshots(scrape);
        } catch (RuntimeException e) {
            warn("the scrape at the start of the load failed: " + e.getMessage());
        }
    }

    /**
     * Waits (bounded) until every read model has handled the event store's head, scrapes again and puts
     * {@code projection_lag_ms} into the summary: per read model, events, p50, p95 and p99 in ms; and
     * {@code snapshots}: per aggregate type, the snapshots taken from memory in the run and the milliseconds they held
     * the aggregate's lock in all. Both null on failure.
     */
    void stop(ObjectNode summary) {
        JsonNode figures = null;
        JsonNode snapshots = null;
        if (atStart != null) {
            try {
                String admin = api.adminToken();
                summary.put("projection_lag_settled", awaitReadModels(admin));
                String scrape = scrape();
                figures = figures(atStart, buckets(scrape));
                snapshots = snapshotFigures(snapshotsAtStart, snapshots(scrape));
            } catch (RuntimeException e) {
                warn("the scrape at the end of the load failed: " + e.getMessage());
            }
        }
        summary.set("projection_lag_ms", figures);
        summary.set("snapshots", snapshots);
        if (warning != null) {
            summary.put("projection_lag_warning", warning);
        }
    }

    private void warn(String message) {
        warning = message;
        System.out.println("[bench] WARNING: projection lag not measured: " + message);
    }

    /** True when every read model's position reached the store's head within the bound. */
    private boolean awaitReadModels(String admin) {
        long deadline = System.currentTimeMillis() + SETTLE_MS;
        while (true) {
            Api.Response status = api.get("/api/v1/admin/projections", admin);
            boolean settled = status.status() == 200 && status.data().isArray() && status.data().size() > 0;
            if (settled) {
                for (JsonNode projection : status.data()) {
                    settled &= !projection.path("position").isNull() && projection.path("lag").asLong(-1) == 0;
                }
            }
            if (settled) {
                // The batch that reached the head records its lag right after its commit, on the processor's thread.
                BenchSimulation.sleep(200);
                return true;
            }
            if (System.currentTimeMillis() > deadline) {
                System.out.println("[bench] WARNING: read models still behind after " + SETTLE_MS / 1000 + " s: "
                        + status.body());
                return false;
            }
            BenchSimulation.sleep(100);
        }
    }

    private String scrape() {
        Api.Text answer = metrics.getText(PATH, null);
        if (answer.status() != 200) {
            throw new IllegalStateException("GET " + PATH + " answered " + answer.status());
        }
        return answer.body();
    }

    private static Map<String, TreeMap<Double, Double>> buckets(String scrape) {
        Map<String, TreeMap<Double, Double>> buckets = parse(scrape);
        if (buckets.isEmpty()) {
            throw new IllegalStateException("no " + BUCKET + " in the scrape");
        }
        return buckets;
    }

    /** Per projection, the cumulative count at each upper bound ({@code le}, in seconds; +Inf included). */
    static Map<String, TreeMap<Double, Double>> parse(String scrape) {
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        samples(scrape, BUCKET, (labels, value) -> {
            String projection = labels.get("projection");
            String le = labels.get("le");
            if (projection != null && le != null) {
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.computeIfAbsent(projection, p -> new TreeMap<>()).put(bound, value);
            }
        });
        return buckets;
    }

    /** Per aggregate type, {snapshots, seconds of lock held} so far; empty before the node's first snapshot. */
    static Map<String, double[]> snapshots(String scrape) {
        Map<String, double[]> totals = new TreeMap<>();
        for (int i = 0; i < 2; i++) {
            int field = i;
            samples(scrape, SNAPSHOT_TIMER + (i == 0 ? "_count" : "_sum"), (labels, value) -> {
                String aggregate = labels.get("aggregate");
                if (aggregate != null) {
                    totals.computeIfAbsent(aggregate, a -> new double[2])[field] += value;
                }
            });
        }
        return totals;
    }

    /** The run's snapshots (end minus start) per aggregate type: {@code taken} and {@code lock_held_ms} in all. */
    static ObjectNode snapshotFigures(Map<String, double[]> start, Map<String, double[]> end) {
        ObjectNode all = Api.JSON.createObjectNode();
        end.forEach((aggregate, total) -> {
            // A timer first registered during the run counts from zero.
            double[] before = start.getOrDefault(aggregate, new double[2]);
            ObjectNode node = all.putObject(aggregate);
            node.put("taken", Math.round(total[0] - before[0]));
            node.put("lock_held_ms", Recorder.round((total[1] - before[1]) * 1000));
        });
        return all;
    }

    /** Calls {@code sample} with the labels and value of each sample of the metric {@code name} in the scrape. */
    private static void samples(String scrape, String name, BiConsumer<Map<String, String>, Double> sample) {
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            int close = line.lastIndexOf('}');
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(line.substring(name.length() + 1, close));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            String[] rest = line.substring(close + 1).trim().split("\\s+");
            if (rest.length > 0 && !rest[0].isEmpty()) {
                sample.accept(labels, Double.parseDouble(rest[0]));
            }
        }
    }

    /** The run's histogram (end minus start) per projection, as events and interpolated percentiles in ms. */
    static ObjectNode figures(Map<String, TreeMap<Double, Double>> start, Map<String, TreeMap<Double, Double>> end) {
        ObjectNode all = Api.JSON.createObjectNode();
        end.forEach((projection, cumulative) -> {
            TreeMap<Double, Double> before = start.getOrDefault(projection, new TreeMap<>());
            List<double[]> run = new ArrayList<>();
            cumulative.forEach((bound, count) -> run.add(new double[] {bound,
                    Math.max(0, count - before.getOrDefault(bound, 0.0))}));
            double events = run.isEmpty() ? 0 : run.get(run.size() - 1)[1];
            ObjectNode node = all.putObject(projection);
            node.put("events", Math.round(events));
            for (int p : new int[] {50, 95, 99}) {
                double[] at = quantile(run, p / 100.0, events);
                if (at == null) {
                    node.putNull("p" + p);
                } else {
                    node.put("p" + p, Recorder.round(at[0] * 1000));
                    if (p == 99) {
                        var bucket = node.putArray("p99_bucket_ms");
                        bucket.add(Recorder.round(at[1] * 1000));
                        if (Double.isInfinite(at[2])) {
                            bucket.addNull();
                        } else {
                            bucket.add(Recorder.round(at[2] * 1000));
                        }
                    }
                }
            }
        });
        return all;
    }

    /**
     * {value, bucket's lower bound, bucket's upper bound} in seconds, as histogram_quantile computes it: linear within
     * the first bucket whose cumulative count reaches q * events (from 0 for the first bucket); a quantile in the
     * +Inf bucket is reported as the largest finite bound. Null without events.
     */
    static double[] quantile(List<double[]> cumulative, double q, double events) {
        if (events <= 0) {
            return null;
        }
        double rank = q * events;
        double lower = 0;
        double below = 0;
        for (double[] bucket : cumulative) {
            double upper = bucket[0];
            double count = bucket[1];
            if (count >= rank) {
                if (Double.isInfinite(upper)) {
                    return new double[] {lower, lower, upper};
                }
                double inBucket = count - below;
                double value = inBucket <= 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
                return new double[] {value, lower, upper};
            }
            lower = upper;
            below = count;
        }
        return new double[] {lower, lower, Double.POSITIVE_INFINITY};
    }
}
