package com.bbossiregi.timedeal.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shoppers {@code bench.shopper.NNNNN@example.com}, registered and logged in before the load starts. bcrypt makes
 * each registration and each login cost 50-100 ms of CPU, so this runs on a small pool and keeps the tokens in a
 * file ({@code target/shopper-tokens.json}) for the next simulation of the same run: a token younger than
 * {@link #REUSE_FOR} is used again if the first one still opens {@code GET /orders}.
 */
final class Shoppers {

    static final String PASSWORD = "benchpass123";
    private static final Duration REUSE_FOR = Duration.ofMinutes(45);

    private Shoppers() {
    }

    static String email(int index) {
        return String.format("bench.shopper.%05d@example.com", index);
    }

    /** Tokens for shoppers 1..count, in that order. */
    static List<String> tokens(Api api, BenchConfig config, int count) {
        long started = System.nanoTime();
        Map<String, CachedToken> cache = readCache(api, config.tokenCache);
        List<String> tokens = new ArrayList<>(Collections.nCopies(count, (String) null));
        List<Integer> missing = new ArrayList<>();
        Instant freshAfter = Instant.now().minus(REUSE_FOR);
        for (int i = 1; i <= count; i++) {
            CachedToken cached = cache.get(email(i));
            if (cached != null && cached.issuedAt().isAfter(freshAfter)) {
                tokens.set(i - 1, cached.token());
            } else {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, config.setupThreads));
            try {
                List<Future<String>> calls = new ArrayList<>();
                for (int index : missing) {
                    calls.add(pool.submit(() -> signIn(api, index)));
                }
                Instant now = Instant.now();
                for (int k = 0; k < missing.size(); k++) {
                    int index = missing.get(k);
                    String token = calls.get(k).get();
                    tokens.set(index - 1, token);
                    cache.put(email(index), new CachedToken(token, now));
                }
            } catch (Exception e) {
                throw new IllegalStateException("shopper set-up failed: " + e, e);
            } finally {
                pool.shutdownNow();
            }
            writeCache(config.tokenCache, cache);
        }
        System.out.printf("[bench] %d shoppers ready (%d signed in now) in %.1f s%n", count, missing.size(),
                (System.nanoTime() - started) / 1e9);
        return tokens;
    }

    private static String signIn(Api api, int index) {
        String email = email(index);
        // Registered first (409 when the shopper exists): every run's database is fresh, so a shopper signing in is
        // nearly always new, and a login for an unknown e-mail costs a bcrypt of its own (the server compares a miss
        // with a dummy hash): two hashes a new shopper instead of three.
        api.register(email, PASSWORD, "Bench Shopper " + index);
        String token = api.login(email, PASSWORD);
        if (token == null) {
            throw new IllegalStateException("shopper " + email + " cannot log in after registering");
        }
        return token;
    }

    private record CachedToken(String token, Instant issuedAt) {
    }

    private static Map<String, CachedToken> readCache(Api api, Path file) {
        Map<String, CachedToken> cache = new ConcurrentHashMap<>();
        if (!Files.isRegularFile(file)) {
            return cache;
        }
        try {
            JsonNode root = Api.JSON.readTree(file.toFile());
            root.fields().forEachRemaining(e -> cache.put(e.getKey(), new CachedToken(e.getValue().path("token").asText(),
                    Instant.parse(e.getValue().path("issued_at").asText()))));
        } catch (Exception e) {
            System.out.println("[bench] ignoring unreadable token cache " + file + ": " + e);
            return new ConcurrentHashMap<>();
        }
        // A cache from another server or another JWT secret is worthless: probe one token.
        CachedToken probe = cache.get(email(1));
        if (probe != null && api.get("/api/v1/orders?per_page=1", probe.token()).status() != 200) {
            System.out.println("[bench] cached shopper tokens are not accepted by this server: signing in again");
            return new ConcurrentHashMap<>();
        }
        return cache;
    }

    private static void writeCache(Path file, Map<String, CachedToken> cache) {
        try {
            ObjectNode root = Api.JSON.createObjectNode();
            cache.forEach((email, t) -> root.putObject(email).put("token", t.token()).put("issued_at", t.issuedAt().toString()));
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "tokens", ".json");
            Api.JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.out.println("[bench] could not write the token cache " + file + ": " + e);
        }
    }

    /**
     * A circular feeder of {@code token} over a list that {@code before()} fills in: the scenario is built in the
     * constructor, before the shoppers exist.
     */
    static final class Feeder implements Iterator<Map<String, Object>> {
        private volatile List<String> tokens = List.of();
        private final AtomicLong next = new AtomicLong();

        void fill(List<String> tokens) {
            this.tokens = List.copyOf(tokens);
        }

        @Override
        public boolean hasNext() {
            return !tokens.isEmpty();
        }

        @Override
        public Map<String, Object> next() {
            List<String> current = tokens;
            return Map.of("token", current.get((int) (next.getAndIncrement() % current.size())));
        }
    }
}
