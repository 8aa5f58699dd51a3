package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.platform.axon.PromptRetry;
import com.bbossiregi.timedeal.platform.axon.ReadModelCatchUp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database goes away for a while under a running node with orders coming in, and comes back: the node must be
 * back to normal within seconds, every order answered and the read models level with the event store again (a node
 * that stays slow has read models that never count as caught up, so each answer waits out its read-model bound).
 * The test owns its PostgreSQL so that it can stop and start it on the same port and data.
 */
class DatabaseOutageIT {

    @TempDir
    Path folder;

    @Test
    void afterAnOutageOrdersAreAnsweredAndTheProcessorsReachTheHeadAgain() throws Exception {
        afterAnOutage((node, api, token) -> {
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            // Each retries a failure within seconds, not after Axon's own waits of up to a minute.
            assertThat(node.getBean(EventProcessingConfiguration.class).eventProcessors().values())
                    .filteredOn(processor -> processor instanceof StreamingEventProcessor)
                    .isNotEmpty()
                    .allMatch(processor -> processor instanceof PromptRetry.Processor);
            for (int i = 0; i < 5; i++) {
                Api.Response order = api.post("/api/v1/orders", Map.of("time_deal_id", 1), token);
                assertThat(order.status()).as(order.raw().body()).isEqualTo(201);
            }
            long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            eventually(Duration.ofSeconds(10), () -> assertThat(positions(node))
                    .as("every processor past the head %d, none in error: %s", head, processors(node))
                    .allSatisfy((name, position) -> assertThat(position).isGreaterThanOrEqualTo(head)));
        });
    }

    /**
     * What a shopper feels: a command answer waits (bounded) until this node's read models have seen everything the
     * event store held, so a node whose read models never count as caught up answers every order only after the
     * full bound. The transactions the outage cut off took event indexes they never committed, and those stay as gaps
     * in every processor's token (Axon's JDBC event store drops a gap only once it is older than its gap timeout, 60 s,
     * and more than 250 gaps have piled up, or once the index has moved 10 000 past it): {@code ReadModelCatchUp} must
     * wait only for the gaps that are committed events, not for those.
     */
    @Test
    void afterAnOutageCommandAnswersNoLongerWaitOutTheReadModelBound() throws Exception {
        afterAnOutage((node, api, token) -> {
            ReadModelCatchUp catchUp = node.getBean(ReadModelCatchUp.class);
            for (int i = 0; i < 3; i++) {
                Api.Response order = api.post("/api/v1/orders", Map.of("time_deal_id", 1), token);
                assertThat(order.status()).as(order.raw().body()).isEqualTo(201);
                assertThat(catchUp.awaitCaughtUp(Duration.ofSeconds(10)))
                        .as("read models level with the event store: %s", processors(node))
                        .isTrue();
            }
        });
    }

    interface AfterOutage {
        void check(ConfigurableApplicationContext node, Api api, String token) throws Exception;
    }

    /**
     * A node with orders coming in loses its database for eight seconds; once it answers an order again, the check
     * runs.
     */
    private void afterAnOutage(AfterOutage check) throws Exception {
        int port = PackagedJar.freePort();
        EmbeddedPostgres database = startDatabase(port);
        TestDatabase.Settings settings = new TestDatabase.Settings(
                "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
        ExecutorService shoppers = Executors.newFixedThreadPool(4);
        // The four shoppers below are one account, placing and canceling as fast as the node answers: on a fast
        // machine that passes the account's limit of 100 a second, and a cancel answered 429 would leave its order
        // holding stock until the deal sold out. The outage is the subject here; the per-address limit stays on.
        try (ConfigurableApplicationContext node = StandaloneApplication.start(settings,
                "--timedeal.orders.outcome-wait=30s", "--timedeal.rate-limits.orders-per-account.enabled=false")) {
            Api api = StandaloneApplication.api(node);
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            String token = api.login("user1@test.com", "password123").token();
            assertThat(api.post("/api/v1/orders", Map.of("time_deal_id", 1), token).status()).isEqualTo(201);

            // Orders keep coming while the database goes away: some are cut off in the middle of their transaction.
            AtomicBoolean running = new AtomicBoolean(true);
            for (int i = 0; i < 4; i++) {
                shoppers.submit(() -> {
                    while (running.get()) {
                        try {
                            // Placed and canceled again, so the deal's stock lasts however long this runs.
                            Api.Response placed = api.post("/api/v1/orders", Map.of("time_deal_id", 1), token);
                            if (placed.status() == 201) {
                                api.delete("/api/v1/orders/" + placed.data().path("id").asText(), token);
                            }
                        } catch (RuntimeException refused) {
                            // the node may not answer during the outage
                        }
                    }
                });
            }
            Thread.sleep(3_000);
            database.close();
            Thread.sleep(8_000);
            database = startDatabase(port);
            running.set(false);
            shoppers.shutdown();
            assertThat(shoppers.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
            // A transaction that took an event index and never committed, as the outage may have left some.
            eventually(Duration.ofSeconds(30), () -> jdbc.queryForObject(
                    "SELECT nextval('domain_event_entry_global_index_seq')", Long.class));
            eventually(Duration.ofSeconds(30), () -> {
                Api.Response order = api.post("/api/v1/orders", Map.of("time_deal_id", 1), token);
                assertThat(order.status()).as(order.raw().body()).isEqualTo(201);
            });

            check.check(node, api, token);
        } finally {
            shoppers.shutdownNow();
            database.close();
        }
    }

    private EmbeddedPostgres startDatabase(int port) throws java.io.IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(folder.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "off")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    private static Map<String, Long> positions(ConfigurableApplicationContext node) {
        EventProcessingConfiguration processing = node.getBean(EventProcessingConfiguration.class);
        Map<String, Long> positions = new java.util.TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                positions.put(name, streaming.processingStatus().values().stream()
                        .filter(status -> !status.isErrorState())
                        .mapToLong(status -> status.getCurrentPosition().orElse(-1))
                        .min().orElse(-1));
            }
        });
        return positions;
    }

    private static String processors(ConfigurableApplicationContext node) {
        EventProcessingConfiguration processing = node.getBean(EventProcessingConfiguration.class);
        List<String> states = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                states.add(name + "=" + streaming.processingStatus().values().stream()
                        .map(status -> status.getTrackingToken() + (status.isErrorState() ? " (error)" : ""))
                        .collect(Collectors.joining(",")));
            }
        });
        return String.join("; ", states);
    }

    private static void eventually(Duration within, Runnable assertion) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
    }
}
