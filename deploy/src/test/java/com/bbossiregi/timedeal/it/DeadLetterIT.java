package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderConfirmedEvent;
import com.bbossiregi.timedeal.api.order.PaymentCompletedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.PaymentRequestedEvent;
import com.bbossiregi.timedeal.api.product.ProductCategory;
import com.bbossiregi.timedeal.api.product.ProductCreatedEvent;
import com.bbossiregi.timedeal.api.product.ProductStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An event a processing group cannot handle is parked in the group's dead-letter queue on PostgreSQL, and the group
 * goes on with every other aggregate (or saga). The bad events are appended below the HTTP edge, straight to the event
 * store, as events already stored before the edge refused such input would be.
 */
@Import(DeadLetterIT.TestHandlers.class)
class DeadLetterIT extends ApiTestBase {

    private static final TestDatabase.Settings DATABASE = TestDatabase.create("timedeal_dead_letters");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void ownApplication(DynamicPropertyRegistry registry) {
        configure(registry, DATABASE);
    }

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Autowired
    EventStore eventStore;

    @Autowired
    TransactionManager transactionManager;

    /** A test-only event of the deal listing's group, and its handler that fails on the database until fixed. */
    record PoisonedListingEvent(String poisonId) {
    }

    @ProcessingGroup("deal-listing")
    static class FailingListingHandler {

        static volatile boolean broken = true;
        static final Set<String> handled = ConcurrentHashMap.newKeySet();

        private final JdbcTemplate jdbc;

        FailingListingHandler(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        public void on(PoisonedListingEvent event) {
            if (broken) {
                // PostgreSQL refuses NUL in text, and aborts the transaction the statement ran in.
                jdbc.queryForObject("SELECT CAST(? AS TEXT)", String.class, "poisoned\u0000" + event.poisonId());
            }
            handled.add(event.poisonId());
        }
    }

    @TestConfiguration
    static class TestHandlers {
        @Bean
        FailingListingHandler failingListingHandler(JdbcTemplate jdbc) {
            return new FailingListingHandler(jdbc);
        }
    }

    @Test
    void aReadModelEventThatFailsIsParkedWhileOtherDealsMoveOnAndARetryAfterTheFixBringsTheModelLevel() {
        String admin = api.admin().token();
        FailingListingHandler.broken = true;
        String poison = "poison-" + UUID.randomUUID();
        append("Poison", poison, 0, new PoisonedListingEvent(poison));
        append("Poison", poison, 1, new PoisonedListingEvent(poison + "-later"));

        JsonNode listing = eventually(WAIT, () -> {
            JsonNode group = group(admin, "deal-listing");
            assertThat(group.path("dead_letter_count").asLong()).isEqualTo(2);
            return group;
        });
        JsonNode parked = listing.path("dead_letters").get(0);
        assertThat(parked.path("sequence_identifier").asText()).isEqualTo(poison);
        assertThat(parked.path("event_type").asText()).isEqualTo("PoisonedListingEvent");
        assertThat(parked.path("aggregate_id").asText()).isEqualTo(poison);
        assertThat(parked.path("global_position").asLong()).isPositive();
        assertThat(parked.path("cause_message").asText()).contains("0x00");
        assertThat(parked.path("retries").asInt()).isZero();
        assertThat(parked.path("enqueued_at").asText()).isNotEmpty();
        // The later event of the same aggregate waits behind the first, unhandled and without a cause of its own.
        JsonNode behind = listing.path("dead_letters").get(1);
        assertThat(behind.path("sequence_identifier").asText()).isEqualTo(poison);
        assertThat(behind.path("cause_type").isNull()).isTrue();
        assertThat(listing.path("kind").asText()).isEqualTo("read_model");

        // Every other deal's listing keeps moving: a new deal shows, an order on it shows.
        long dealId = newActiveDeal(admin, 2, 5);
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).status()).isEqualTo(200);
        Api.Session shopper = api.newShopper();
        assertThat(api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 2), shopper.token()).status())
                .isEqualTo(201);
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("reserved_quantity").asInt()).isEqualTo(2);
        eventually(WAIT, () -> {
            JsonNode group = group(admin, "deal-listing");
            assertThat(group.path("error").asBoolean()).isFalse();
            assertThat(group.path("lag").asLong()).isZero();
        });
        assertThat(deadLetterGauge(admin, "deal-listing")).isEqualTo(2);

        // Retried before the fix: it fails again and stays, one retry counted.
        JsonNode failed = api.post(retryPath("deal-listing", poison), Map.of(), admin).data();
        assertThat(failed.path("outcome").asText()).isEqualTo("failed");
        assertThat(failed.path("remaining").asLong()).isEqualTo(2);
        assertThat(failed.path("cause_message").asText()).contains("0x00");
        assertThat(failed.path("cause_type").asText()).isEqualTo(parked.path("cause_type").asText())
                .startsWith("org.springframework.dao.");
        assertThat(group(admin, "deal-listing").path("dead_letters").get(0).path("retries").asInt()).isEqualTo(1);
        assertThat(FailingListingHandler.handled).doesNotContain(poison);

        // The cause fixed, a retry handles the sequence in order and empties the queue.
        FailingListingHandler.broken = false;
        Api.Response retried = api.post(retryPath("deal-listing", poison), Map.of(), admin);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.data().path("outcome").asText()).isEqualTo("processed");
        assertThat(retried.data().path("remaining").asLong()).isZero();
        assertThat(FailingListingHandler.handled).contains(poison, poison + "-later");
        JsonNode level = group(admin, "deal-listing");
        assertThat(level.path("dead_letter_count").asLong()).isZero();
        assertThat(level.path("dead_letters")).isEmpty();
        assertThat(deadLetterGauge(admin, "deal-listing")).isZero();

        // A later event of that aggregate is handled straight away again.
        append("Poison", poison, 2, new PoisonedListingEvent(poison + "-after"));
        eventually(WAIT, () -> assertThat(FailingListingHandler.handled).contains(poison + "-after"));
        assertThat(group(admin, "deal-listing").path("dead_letter_count").asLong()).isZero();
    }

    @Test
    void aProductWithANulDescriptionStoredBelowTheEdgeIsParkedAndCanBeEvicted() {
        String admin = api.admin().token();
        long productId = 900_000 + (System.nanoTime() % 100_000);
        String stream = "product-" + productId;
        append("Product", stream, 0, new ProductCreatedEvent(productId, "Bad bytes", "NUL \u0000 inside", 1000, null,
                null, ProductCategory.values()[0], ProductStatus.values()[0]));

        JsonNode parked = eventually(WAIT, () -> {
            JsonNode group = group(admin, "deal-listing");
            assertThat(group.path("dead_letters").findValuesAsText("sequence_identifier")).contains(stream);
            return group;
        });
        JsonNode letter = letterOf(parked, stream);
        assertThat(letter.path("event_type").asText()).isEqualTo("ProductCreatedEvent");
        assertThat(letter.path("cause_message").asText()).contains("0x00");
        assertThat(parked.path("error").asBoolean()).isFalse();

        long dealId = newActiveDeal(admin, 3, 4);
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).status()).isEqualTo(200);

        // A replay empties the group's dead letters and handles their events again: this one fails again, alone.
        assertThat(api.post("/api/v1/admin/projections/deal-listing/replay", Map.of(), admin).status()).isEqualTo(202);
        JsonNode replayed = eventually(WAIT, () -> {
            JsonNode group = group(admin, "deal-listing");
            assertThat(group.path("replaying").asBoolean()).isFalse();
            assertThat(group.path("lag").asLong()).isZero();
            assertThat(group.path("dead_letters").findValuesAsText("sequence_identifier")).contains(stream);
            return group;
        });
        JsonNode again = letterOf(replayed, stream);
        assertThat(replayed.path("dead_letters").findValuesAsText("sequence_identifier").stream()
                .filter(stream::equals)).hasSize(1);
        assertThat(again.path("cause_message").asText()).contains("0x00");
        assertThat(Instant.parse(again.path("enqueued_at").asText()))
                .isAfterOrEqualTo(Instant.parse(letter.path("enqueued_at").asText()));
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).status()).isEqualTo(200);

        Api.Response evicted = api.delete("/api/v1/admin/projections/deal-listing/dead-letters/" + stream, admin);
        assertThat(evicted.status()).isEqualTo(200);
        assertThat(evicted.data().path("evicted").asLong()).isEqualTo(1);
        assertThat(group(admin, "deal-listing").path("dead_letters").findValuesAsText("sequence_identifier"))
                .doesNotContain(stream);

        Api.Response gone = api.delete("/api/v1/admin/projections/deal-listing/dead-letters/" + stream, admin);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(gone.json().path("success").asBoolean()).isFalse();
        Api.Response unknownGroup = api.post(retryPath("no-such-group", stream), Map.of(), admin);
        assertThat(unknownGroup.status()).isEqualTo(404);
        assertThat(unknownGroup.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(api.post(retryPath("deal-listing", stream), Map.of(), api.newShopper().token()).status())
                .isEqualTo(403);
    }

    /**
     * The order history holds a batch's new orders back and writes them together as the batch commits, so a row it
     * cannot store fails there, for the whole batch: the retry must still park that order alone, and every other
     * order must still be recorded.
     */
    @Test
    void anOrderTheHistoryCannotStoreIsParkedWhileOtherOrdersAreRecorded() {
        String admin = api.admin().token();
        String unstorable = UUID.randomUUID().toString();
        // Placed, as an order is, with its reservation in the same commit; stamped beyond what a TIMESTAMPTZ holds.
        Instant farFuture = Instant.parse("+300000-01-01T00:00:00Z");
        transactionManager.executeInTransaction(() -> eventStore.publish(
                new GenericDomainEventMessage<>("Order", unstorable, 0,
                        new OrderPlacedEvent(unstorable, 1, 987_654_321L, 1, 1000, 1000), Map.of(),
                        UUID.randomUUID().toString(), farFuture),
                new GenericDomainEventMessage<>("Order", unstorable, 1,
                        new OrderReservedEvent(unstorable, 987_654_321L, 1), Map.of(),
                        UUID.randomUUID().toString(), farFuture)));

        JsonNode history = eventually(WAIT, () -> {
            JsonNode group = group(admin, "order-history");
            assertThat(group.path("dead_letters").findValuesAsText("sequence_identifier").stream()
                    .filter(unstorable::equals)).hasSize(2);
            return group;
        });
        JsonNode letter = letterOf(history, unstorable);
        assertThat(letter.path("event_type").asText()).isEqualTo("OrderPlacedEvent");
        assertThat(letter.path("cause_type").asText()).startsWith("org.springframework.dao.");

        // Orders placed before and after it are in the history, each once, with its status.
        long dealId = newActiveDeal(admin, 3, 6);
        for (int i = 0; i < 3; i++) {
            Api.Session shopper = api.newShopper();
            Api.Response placed = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 2),
                    shopper.token());
            assertThat(placed.status()).isEqualTo(201);
            Api.Response read = api.get("/api/v1/orders/" + placed.data().path("id").asText(), shopper.token());
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.data().path("status").asText()).isEqualTo("reserved");
        }
        eventually(WAIT, () -> {
            JsonNode group = group(admin, "order-history");
            assertThat(group.path("error").asBoolean()).isFalse();
            assertThat(group.path("lag").asLong()).isZero();
        });
    }

    @Test
    void oneOrdersSagaFailingDoesNotHoldUpAnothers() {
        String admin = api.admin().token();
        // A paid order of a deal that does not exist: its saga's sale fails, whatever the timing.
        String orphan = UUID.randomUUID().toString();
        append("Order", orphan, 0, new OrderPlacedEvent(orphan, 1, 987_654_321L, 1, 1000, 1000));
        append("Order", orphan, 1, new OrderReservedEvent(orphan, 987_654_321L, 1));
        append("Order", orphan, 2, new PaymentRequestedEvent(orphan, 987_654_321L, "payment-1", 1000, "card"));
        append("Order", orphan, 3, new PaymentCompletedEvent(orphan, 987_654_321L, "payment-1", 1000, "tx-1"));

        JsonNode saga = eventually(WAIT, () -> {
            JsonNode group = group(admin, "order-saga");
            assertThat(group.path("dead_letters").findValuesAsText("aggregate_id")).contains(orphan);
            return group;
        });
        assertThat(saga.path("kind").asText()).isEqualTo("saga");
        JsonNode letter = saga.path("dead_letters").findParents("aggregate_id").stream()
                .filter(node -> node.path("aggregate_id").asText().equals(orphan)).findFirst().orElseThrow();
        assertThat(letter.path("event_type").asText()).isEqualTo("PaymentCompletedEvent");
        assertThat(letter.path("cause_type").asText()).contains("AggregateNotFoundException");
        String sagaId = letter.path("sequence_identifier").asText();
        assertThat(deadLetterGauge(admin, "order-saga")).isGreaterThanOrEqualTo(1);

        // Another order's saga goes on: its order is placed and paid, and its sale stands.
        long dealId = newActiveDeal(admin, 4, 3);
        Api.Session shopper = api.newShopper();
        Api.Response placed = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 1),
                shopper.token());
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.data().path("status").asText()).isEqualTo("reserved");
        String placedId = placed.data().path("id").asText();
        assertThat(api.post("/api/v1/orders/" + placedId + "/payment", Map.of(), shopper.token()).status())
                .isEqualTo(200);
        eventually(WAIT, () -> {
            JsonNode deal = api.get("/api/v1/timedeals/" + dealId, null).data();
            assertThat(deal.path("sold_quantity").asInt()).isEqualTo(1);
            assertThat(group(admin, "order-saga").path("dead_letters").findValuesAsText("aggregate_id"))
                    .doesNotContain(placedId);
        });

        // A later event of the parked saga queues behind its dead letter.
        append("Order", orphan, 4, new OrderConfirmedEvent(orphan, 987_654_321L, 1));
        eventually(WAIT, () -> {
            JsonNode group = group(admin, "order-saga");
            assertThat(group.path("dead_letters").findValuesAsText("sequence_identifier").stream()
                    .filter(sagaId::equals)).hasSize(2);
        });

        // Retried, it fails again (the deal still does not exist) and stays; evicted, it is gone.
        JsonNode failed = api.post(retryPath("order-saga", sagaId), Map.of(), admin).data();
        assertThat(failed.path("outcome").asText()).isEqualTo("failed");
        assertThat(failed.path("remaining").asLong()).isEqualTo(2);
        assertThat(failed.path("cause_type").asText()).as(failed.toString()).contains("AggregateNotFoundException");

        Api.Response evicted = api.delete("/api/v1/admin/projections/order-saga/dead-letters/" + sagaId, admin);
        assertThat(evicted.status()).isEqualTo(200);
        assertThat(evicted.data().path("evicted").asLong()).isEqualTo(2);
        assertThat(group(admin, "order-saga").path("dead_letters").findValuesAsText("sequence_identifier"))
                .doesNotContain(sagaId);
    }

    private void append(String type, String aggregateId, long sequence, Object payload) {
        transactionManager.executeInTransaction(() -> eventStore.publish(
                new GenericDomainEventMessage<>(type, aggregateId, sequence, payload)));
    }

    private long newActiveDeal(String admin, long productId, int stock) {
        Instant now = Instant.now();
        Api.Response created = api.post("/api/v1/admin/timedeals", Map.of("product_id", productId, "deal_price", 5000,
                "stock_quantity", stock, "start_at", now.minusSeconds(5).toString(),
                "end_at", now.plusSeconds(3600).toString()), admin);
        assertThat(created.status()).isEqualTo(201);
        return created.data().path("id").asLong();
    }

    private JsonNode group(String admin, String name) {
        Api.Response statuses = api.get("/api/v1/admin/projections", admin);
        assertThat(statuses.status()).isEqualTo(200);
        for (JsonNode group : statuses.data()) {
            if (group.path("name").asText().equals(name)) {
                return group;
            }
        }
        throw new AssertionError("no processing group " + name + " in " + statuses.data());
    }

    private static JsonNode letterOf(JsonNode group, String sequence) {
        for (JsonNode letter : group.path("dead_letters")) {
            if (letter.path("sequence_identifier").asText().equals(sequence)) {
                return letter;
            }
        }
        throw new AssertionError("no dead letter of " + sequence);
    }

    private static String retryPath(String group, String sequence) {
        return "/api/v1/admin/projections/" + group + "/dead-letters/" + sequence + "/retry";
    }

    /** Scraped as Prometheus does, from the management port without a token. */
    private long deadLetterGauge(String admin, String group) {
        OptionalDouble gauge = PromQl.sample(PromQl.scrape(managementPort), "timedeal_dead_letters",
                "group=\"" + group + "\"");
        assertThat(gauge).as("timedeal_dead_letters for " + group).isPresent();
        return (long) gauge.getAsDouble();
    }
}
