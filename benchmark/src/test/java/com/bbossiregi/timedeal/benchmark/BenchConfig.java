package com.bbossiregi.timedeal.benchmark;

import java.nio.file.Path;
import java.time.Duration;

/** The knobs of a run, read from system properties ({@code -Dclients=100 -Dduration=60 ...}). */
final class BenchConfig {

    final String baseUrl = prop("baseUrl", "http://localhost:8080").replaceAll("/+$", "");
    /** The application's management port, where Prometheus's scrape is served without a token. */
    final String metricsUrl = prop("metricsUrl", "http://localhost:8081").replaceAll("/+$", "");
    final int clients = Integer.parseInt(prop("clients", "100"));
    final Duration duration = Duration.ofSeconds(Long.parseLong(prop("duration", "60")));
    final String run = prop("run", "1");
    /** Flash sale: shoppers arriving within one second, and the deal's stock. */
    final int shoppers = Integer.parseInt(prop("shoppers", "1000"));
    final int stock = Integer.parseInt(prop("stock", "100"));
    /** Flash sale: requests the load generator sends to a stand-in of its own before the burst (0: none). */
    final int generatorWarmUp = Integer.parseInt(prop("generatorWarmUp", "0"));
    final Path resultsDir = Path.of(prop("resultsDir", "target/results"));
    final Path tokenCache = Path.of(prop("tokenCache", "target/shopper-tokens.json"));
    final int setupThreads = Integer.parseInt(prop("setupThreads", "8"));
    /** Growth check: order on this existing deal instead of a new one (0: create one). */
    final long timeDealId = Long.parseLong(prop("timeDealId", "0"));
    /** Growth check: order until the deal's stream holds this many events (0: a measured run of -Dduration). */
    final long targetEvents = Long.parseLong(prop("targetEvents", "0"));

    private static String prop(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    @Override
    public String toString() {
        return "baseUrl=" + baseUrl + " clients=" + clients + " duration=" + duration.toSeconds() + "s run=" + run
                + " shoppers=" + shoppers + " stock=" + stock + " generatorWarmUp=" + generatorWarmUp
                + " resultsDir=" + resultsDir.toAbsolutePath();
    }
}
