package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deal's and an order's state at any instant, folded from their events by the aggregates' event sourcing handlers
 * only (no command handler is resolved or run), and every bad {@code as_of} answered in the envelope.
 */
class StateAsOfIT extends SharedApplicationTest {

    @Test
    void aDealAndAnOrderAreShownAsTheyStoodAtEachInstant() throws InterruptedException {
        String admin = api.admin().token();
        Instant beforeDeal = Instant.now();
        Thread.sleep(20);
        long dealId = newActiveDeal(admin, 10);
        Api.Session shopper = api.newShopper();
        Thread.sleep(20);
        Instant beforeOrder = Instant.now();
        Thread.sleep(20);
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 3), shopper.token())
                .data().path("id").asText();
        Thread.sleep(20);
        Instant whileReserved = Instant.now();
        Thread.sleep(20);
        assertThat(api.delete("/api/v1/orders/" + orderId, shopper.token()).status()).isEqualTo(200);

        Api.Response now = api.get("/api/v1/admin/timedeals/" + dealId, admin);
        assertThat(now.status()).as(now.raw().body()).isEqualTo(200);
        assertThat(now.data().path("id").asLong()).isEqualTo(dealId);
        assertThat(now.data().path("stock_quantity").asInt()).isEqualTo(10);
        assertThat(now.data().path("reserved_quantity").asInt()).isZero();

        JsonNode created = api.get("/api/v1/admin/timedeals/" + dealId + "?as_of=" + beforeOrder, admin).data();
        assertThat(created.path("reserved_quantity").asInt()).isZero();
        JsonNode held = api.get("/api/v1/admin/timedeals/" + dealId + "?as_of=" + whileReserved, admin).data();
        assertThat(held.path("reserved_quantity").asInt()).isEqualTo(3);
        assertThat(held.path("available_quantity").asInt()).isEqualTo(7);

        Api.Response orderThen = api.get("/api/v1/admin/orders/" + orderId + "?as_of=" + whileReserved, admin);
        assertThat(orderThen.status()).as(orderThen.raw().body()).isEqualTo(200);
        assertThat(orderThen.data().path("status").asText()).isEqualTo("reserved");
        assertThat(api.get("/api/v1/admin/orders/" + orderId, admin).data().path("status").asText()).isEqualTo("canceled");

        assertNotFound(api.get("/api/v1/admin/timedeals/" + dealId + "?as_of=" + beforeDeal, admin));
        assertNotFound(api.get("/api/v1/admin/orders/" + orderId + "?as_of=" + beforeOrder, admin));
        assertNotFound(api.get("/api/v1/admin/timedeals/999999", admin));
        assertNotFound(api.get("/api/v1/admin/orders/no-such-order", admin));
        // Another aggregate's stream is not an order.
        assertNotFound(api.get("/api/v1/admin/orders/timedeal-" + dealId, admin));
    }

    @Test
    void aMalformedOrOutOfRangeInstantIsABadRequestInTheEnvelope() {
        String admin = api.admin().token();
        for (String path : new String[] {"/api/v1/admin/timedeals/1", "/api/v1/admin/orders/any-order"}) {
            for (String malformed : new String[] {"yesterday", "2026-13-01T00:00:00Z", "1.5e400"}) {
                Api.Response response = api.get(path + "?as_of=" + malformed, admin);
                assertThat(response.status()).as(path + " " + malformed).isEqualTo(400);
                assertThat(response.json().path("success").asBoolean(true)).isFalse();
                assertThat(response.errorCode()).isEqualTo("BAD_REQUEST");
            }
            for (String outOfRange : new String[] {"%2B10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                    "%2B1000000000-12-31T23:59:59Z"}) {
                Api.Response response = api.get(path + "?as_of=" + outOfRange, admin);
                assertThat(response.status()).as(path + " " + outOfRange).isEqualTo(400);
                assertThat(response.json().path("success").asBoolean(true)).isFalse();
                assertThat(response.errorCode()).isEqualTo("BAD_REQUEST");
                assertThat(response.json().path("error").path("details").get(0).path("field").asText()).isEqualTo("as_of");
            }
        }
    }

    private long newActiveDeal(String admin, int stock) {
        Instant now = Instant.now();
        Api.Response deal = api.post("/api/v1/admin/timedeals", Map.of("product_id", 1, "deal_price", 20000,
                "stock_quantity", stock, "start_at", now.minusSeconds(5).toString(),
                "end_at", now.plusSeconds(3600).toString()), admin);
        assertThat(deal.status()).as(deal.raw().body()).isEqualTo(201);
        return deal.data().path("id").asLong();
    }

    private static void assertNotFound(Api.Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(404);
        assertThat(response.json().path("success").asBoolean(true)).isFalse();
        assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
    }
}
