package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Rebuilding a read model from the first event gives exactly the rows it had. */
class ReplayIT extends ApiTestBase {

    private static final TestDatabase.Settings DATABASE = TestDatabase.create("timedeal_replay");

    @DynamicPropertySource
    static void shortHold(DynamicPropertyRegistry registry) {
        configure(registry, DATABASE);
        registry.add("timedeal.orders.reservation-hold", () -> "2s");
    }

    @Test
    void replayingEveryReadModelAfterAMixedWorkloadRebuildsTheSameRows() {
        String admin = api.admin().token();
        long dealId = api.activeDeal(admin, 2, 60000, 6);
        Api.Session shopper = api.newShopper();
        String paid = place(dealId, 2, shopper);
        String canceled = place(dealId, 1, shopper);
        String expiring = place(dealId, 1, shopper);
        assertThat(api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 5), shopper.token()).status())
                .isEqualTo(409);
        assertThat(api.post("/api/v1/orders/" + paid + "/payment", Map.of(), shopper.token()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/orders/" + canceled + "/payment", Map.of("method", "fail"), shopper.token()).status())
                .isEqualTo(402);
        eventually(Duration.ofSeconds(15), () -> assertThat(api.get("/api/v1/orders/" + expiring, shopper.token()).data()
                .path("status").asText()).isEqualTo("canceled"));
        String held = place(dealId, 1, shopper);
        assertThat(api.delete("/api/v1/orders/" + held, shopper.token()).status()).isEqualTo(200);
        StockInvariant.assertHolds(api);

        List<JsonNode> before = readModelRows(admin);
        for (String readModel : List.of("deal-listing", "order-history")) {
            Api.Response replay = api.post("/api/v1/admin/projections/" + readModel + "/replay", Map.of(), admin);
            assertThat(replay.status()).isEqualTo(202);
        }
        eventually(Duration.ofSeconds(30), () -> {
            JsonNode projections = api.get("/api/v1/admin/projections", admin).data();
            assertThat(projections.findValuesAsText("name")).containsExactly("deal-listing", "order-history", "order-saga");
            projections.forEach(projection -> {
                assertThat(projection.path("replaying").asBoolean()).isFalse();
                assertThat(projection.path("lag").asLong()).isZero();
            });
        });
        assertThat(readModelRows(admin)).isEqualTo(before);
    }

    private String place(long dealId, int quantity, Api.Session shopper) {
        Api.Response order = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", quantity),
                shopper.token());
        assertThat(order.status()).isEqualTo(201);
        return order.data().path("id").asText();
    }

    /** Every deal (summary and detail) and every order, as the API shows them; remaining time moves on its own. */
    private List<JsonNode> readModelRows(String admin) {
        List<JsonNode> rows = new ArrayList<>();
        JsonNode deals = api.get("/api/v1/timedeals?per_page=100", null).data();
        for (JsonNode deal : deals) {
            rows.add(withoutRemainingTime(deal));
            long id = deal.path("id").asLong();
            rows.add(withoutRemainingTime(api.get("/api/v1/timedeals/" + id, null).data()));
            rows.add(api.get("/api/v1/admin/orders?per_page=100&time_deal_id=" + id, admin).data());
        }
        return rows;
    }

    private static JsonNode withoutRemainingTime(JsonNode deal) {
        ObjectNode copy = deal.deepCopy();
        copy.remove("remaining_seconds");
        return copy;
    }
}
