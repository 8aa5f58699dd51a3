package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Auditors read what happened, in order and with who did it, and check the counters against the orders. */
class AuditIT extends SharedApplicationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCanceledOrdersStreamReadsCreatedReservedReleasedCanceledWithItsActors() {
        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 2), shopper.token())
                .data().path("id").asText();
        api.delete("/api/v1/orders/" + orderId, shopper.token());

        Api.Response stream = api.get("/api/v1/orders/" + orderId + "/events", shopper.token());
        assertThat(stream.status()).isEqualTo(200);
        assertThat(types(stream.data())).containsExactly("CREATED", "STOCK_RESERVED", "STOCK_RELEASED", "CANCELED");
        JsonNode created = stream.data().get(0);
        assertThat(created.path("sequence").asLong()).isZero();
        assertThat(created.path("payload").path("time_deal_id").asLong()).isEqualTo(1);
        assertThat(created.path("payload").path("quantity").asInt()).isEqualTo(2);
        assertThat(created.path("payload").path("unit_price").asLong()).isEqualTo(29900);
        assertThat(created.path("payload").path("total_price").asLong()).isEqualTo(59800);
        assertThat(created.path("created_at").isTextual()).isTrue();
        stream.data().forEach(event -> {
            assertThat(event.path("actor_type").asText()).isEqualTo("user");
            assertThat(event.path("actor_id").asText()).isEqualTo(Long.toString(shopper.userId()));
        });
        assertThat(stream.data().get(1).path("payload").path("quantity").asInt()).isEqualTo(2);
        assertThat(stream.data().get(3).path("payload").path("reason").asText()).isEqualTo("user_requested");

        String admin = api.admin().token();
        assertThat(api.get("/api/v1/orders/" + orderId + "/events", admin).status()).isEqualTo(200);
        Api.Response stranger = api.get("/api/v1/orders/" + orderId + "/events", api.newShopper().token());
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.get("/api/v1/orders/no-such-order/events", admin).status()).isEqualTo(404);
    }

    @Test
    void aPaidOrdersStreamEndsWithConfirmed() {
        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", 1), shopper.token()).data().path("id").asText();
        assertThat(api.post("/api/v1/orders/" + orderId + "/payment", Map.of(), shopper.token()).status()).isEqualTo(200);

        JsonNode events = api.get("/api/v1/orders/" + orderId + "/events", shopper.token()).data();
        assertThat(types(events)).containsExactly("CREATED", "STOCK_RESERVED", "PAYMENT_REQUESTED", "PAYMENT_COMPLETED",
                "CONFIRMED");
    }

    @Test
    void stateAsOfAnInstantIsRebuiltFromTheEventsUpToThen() throws InterruptedException {
        String admin = api.admin().token();
        Api.Session shopper = api.newShopper();
        Instant beforeOrder = Instant.now();
        Thread.sleep(50);
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 3), shopper.token())
                .data().path("id").asText();
        Thread.sleep(50);
        Instant whileReserved = Instant.now();
        Thread.sleep(50);
        int reservedWhileHeld = api.get("/api/v1/admin/timedeals/1?as_of=" + whileReserved, admin).data()
                .path("reserved_quantity").asInt();
        api.delete("/api/v1/orders/" + orderId, shopper.token());

        Api.Response then = api.get("/api/v1/admin/orders/" + orderId + "?as_of=" + whileReserved, admin);
        assertThat(then.status()).isEqualTo(200);
        assertThat(then.data().path("status").asText()).isEqualTo("reserved");
        assertThat(then.data().path("canceled_at").isNull()).isTrue();
        Api.Response now = api.get("/api/v1/admin/orders/" + orderId + "?as_of=" + Instant.now(), admin);
        assertThat(now.data().path("status").asText()).isEqualTo("canceled");
        assertThat(api.get("/api/v1/admin/orders/" + orderId + "?as_of=" + beforeOrder, admin).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/admin/orders/" + orderId + "?as_of=yesterday", admin).status()).isEqualTo(400);

        int reservedNow = api.get("/api/v1/admin/timedeals/1", admin).data().path("reserved_quantity").asInt();
        assertThat(api.get("/api/v1/admin/timedeals/1?as_of=" + whileReserved, admin).data()
                .path("reserved_quantity").asInt()).isEqualTo(reservedWhileHeld);
        assertThat(reservedWhileHeld).isGreaterThanOrEqualTo(3);
        assertThat(api.get("/api/v1/timedeals/1", null).data().path("reserved_quantity").asInt()).isEqualTo(reservedNow);
    }

    @Test
    void aDealsStreamIsPaginatedAndTheWholeStoreExportsAsNdjson() {
        String admin = api.admin().token();
        Api.Response firstPage = api.get("/api/v1/admin/timedeals/1/events?per_page=2", admin);
        assertThat(firstPage.status()).isEqualTo(200);
        assertThat(firstPage.data()).hasSize(2);
        assertThat(firstPage.data().get(0).path("event_type").asText()).isEqualTo("DEAL_CREATED");
        assertThat(firstPage.data().get(1).path("sequence").asLong()).isEqualTo(1);
        long total = firstPage.json().path("meta").path("total").asLong();
        assertThat(total).isGreaterThan(2);
        assertThat(api.get("/api/v1/admin/timedeals/1/events?per_page=2&page=2", admin).data().get(0)
                .path("sequence").asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/admin/timedeals/999999/events", admin).status()).isEqualTo(404);

        List<JsonNode> firstFive = api.getLines("/api/v1/admin/events?from=1&limit=5", admin);
        assertThat(firstFive).hasSize(5);
        assertThat(firstFive.get(0).path("global_position").asLong()).isEqualTo(1);
        assertThat(firstFive.get(4).path("global_position").asLong()).isGreaterThan(firstFive.get(3).path("global_position").asLong());
        long next = firstFive.get(4).path("global_position").asLong() + 1;
        assertThat(api.getLines("/api/v1/admin/events?from=" + next + "&limit=1", admin).get(0)
                .path("global_position").asLong()).isEqualTo(next);

        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", 1), shopper.token()).data().path("id").asText();
        api.delete("/api/v1/orders/" + orderId, shopper.token());
        List<JsonNode> cancels = api.getLines("/api/v1/admin/events?type=canceled&limit=10000", admin);
        assertThat(cancels).isNotEmpty().allSatisfy(line -> assertThat(line.path("event_type").asText()).isEqualTo("CANCELED"));
        assertThat(cancels).anySatisfy(line -> assertThat(line.path("stream_id").asText()).isEqualTo(orderId));
        assertThat(api.get("/api/v1/admin/events?type=NOT_A_TYPE", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/admin/events?limit=0", admin).status()).isEqualTo(400);
    }

    @Test
    void theAuditFindsTheCountersConsistentAfterARaceAndNamesACorruptedReadModel() throws Exception {
        String admin = api.admin().token();
        long dealId = api.activeDeal(admin, 1, 20000, 20);
        List<Api.Session> shoppers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            shoppers.add(api.newShopper());
        }
        ExecutorService pool = Executors.newFixedThreadPool(30);
        List<Future<Api.Response>> orders = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Api.Session shopper = shoppers.get(i % shoppers.size());
            orders.add(pool.submit(() -> api.post("/api/v1/orders", Map.of("time_deal_id", dealId), shopper.token())));
        }
        List<JsonNode> reserved = new ArrayList<>();
        for (Future<Api.Response> order : orders) {
            Api.Response response = order.get(60, TimeUnit.SECONDS);
            if (response.status() == 201) {
                reserved.add(response.data());
            }
        }
        pool.shutdown();
        assertThat(reserved).hasSize(20);
        for (int i = 0; i < 5; i++) {
            JsonNode order = reserved.get(i);
            api.delete("/api/v1/orders/" + order.path("id").asText(), tokenOf(shoppers, order));
        }
        for (int i = 5; i < 10; i++) {
            JsonNode order = reserved.get(i);
            api.post("/api/v1/orders/" + order.path("id").asText() + "/payment", Map.of(), tokenOf(shoppers, order));
        }

        JsonNode audit = api.get("/api/v1/admin/audit/timedeals/" + dealId, admin).data();
        assertThat(audit.path("consistent").asBoolean()).as(audit.toString()).isTrue();
        assertThat(audit.path("discrepancies")).isEmpty();
        assertThat(audit.path("deal_events").path("reserved").asInt()).isEqualTo(10);
        assertThat(audit.path("deal_events").path("sold").asInt()).isEqualTo(5);

        String tamperedOrder = reserved.get(12).path("id").asText();
        jdbc.update("UPDATE deal_listing_deal SET reserved_quantity = reserved_quantity + 1 WHERE time_deal_id = ?", dealId);
        jdbc.update("UPDATE order_history SET status = 'CANCELED' WHERE order_id = ?", tamperedOrder);
        JsonNode tampered = api.get("/api/v1/admin/audit/timedeals/" + dealId, admin).data();
        assertThat(tampered.path("consistent").asBoolean()).isFalse();
        assertThat(tampered.path("time_deal_id").asLong()).isEqualTo(dealId);
        assertThat(tampered.path("read_model").path("reserved").asInt()).isEqualTo(11);
        List<String> named = new ArrayList<>();
        tampered.path("discrepancies").forEach(d -> d.path("order_ids").forEach(id -> named.add(id.asText())));
        assertThat(named).contains(tamperedOrder);

        // A replay rebuilds both read models from the events, which repairs the tampering.
        assertThat(api.post("/api/v1/admin/projections/deal-listing/replay", Map.of(), admin).status()).isEqualTo(202);
        assertThat(api.post("/api/v1/admin/projections/order-history/replay", Map.of(), admin).status()).isEqualTo(202);
        eventually(Duration.ofSeconds(30), () -> assertThat(
                api.get("/api/v1/admin/audit/timedeals/" + dealId, admin).data().path("consistent").asBoolean()).isTrue());
    }

    @Test
    void everyAuditPathIsForAdminsOnly() {
        String shopper = api.newShopper().token();
        for (String path : List.of("/api/v1/admin/timedeals/1/events", "/api/v1/admin/timedeals/1?as_of=" + Instant.now(),
                "/api/v1/admin/orders/x?as_of=" + Instant.now(), "/api/v1/admin/projections",
                "/api/v1/admin/audit/timedeals/1", "/api/v1/admin/events", "/api/v1/admin/orders?time_deal_id=1")) {
            assertThat(api.get(path, shopper).status()).as(path).isEqualTo(403);
            assertThat(api.get(path, null).status()).as(path).isEqualTo(401);
        }
        assertThat(api.post("/api/v1/admin/projections/deal-listing/replay", Map.of(), shopper).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/projections/order-saga/replay", Map.of(), api.admin().token()).status())
                .isEqualTo(404);
    }

    private static String tokenOf(List<Api.Session> shoppers, JsonNode order) {
        return shoppers.stream().filter(s -> s.userId() == order.path("user_id").asLong()).findFirst().orElseThrow().token();
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.path("event_type").asText()));
        return types;
    }
}
