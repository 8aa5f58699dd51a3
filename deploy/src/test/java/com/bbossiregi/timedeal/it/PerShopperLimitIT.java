package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deal's per-shopper limit holds against one shopper racing many orders, and a cancel gives the allowance back. */
class PerShopperLimitIT extends SharedApplicationTest {

    private static final int LIMIT = 3;
    private static final int CONCURRENT_ORDERS = 50;

    @Test
    void fiftyConcurrentOrdersOfOneShopperGetExactlyTheLimit() throws Exception {
        String admin = api.admin().token();
        Instant now = Instant.now();
        Api.Response created = api.post("/api/v1/admin/timedeals", Map.of("product_id", 4, "deal_price", 19900,
                "stock_quantity", 100, "max_per_shopper", LIMIT, "start_at", now.minusSeconds(10).toString(),
                "end_at", now.plusSeconds(3600).toString()), admin);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().path("max_per_shopper").asInt()).isEqualTo(LIMIT);
        long dealId = created.data().path("id").asLong();
        Api.Session shopper = api.newShopper();

        List<Api.Response> answers = ConcurrentRequests.atOnce(CONCURRENT_ORDERS,
                i -> api.post("/api/v1/orders", Map.of("time_deal_id", dealId), shopper.token()));

        assertThat(ConcurrentRequests.statusCounts(answers))
                .containsOnly(entry(201, (long) LIMIT), entry(409, (long) (CONCURRENT_ORDERS - LIMIT)));
        for (Api.Response refused : answers.stream().filter(answer -> answer.status() != 201).toList()) {
            assertThat(refused.errorCode()).isEqualTo("PURCHASE_LIMIT_EXCEEDED");
            assertThat(refused.json().path("error").path("details").path("limit").asInt()).isEqualTo(LIMIT);
            assertThat(refused.json().path("error").path("details").path("held").asInt()).isEqualTo(LIMIT);
        }
        List<String> reserved = answers.stream().filter(answer -> answer.status() == 201)
                .map(answer -> answer.data().path("id").asText()).toList();
        JsonNode deal = api.get("/api/v1/timedeals/" + dealId, null).data();
        assertThat(deal.path("reserved_quantity").asInt()).isEqualTo(LIMIT);
        assertThat(deal.path("max_per_shopper").asInt()).isEqualTo(LIMIT);

        // Another shopper has an allowance of their own.
        Api.Session other = api.newShopper();
        assertThat(api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", LIMIT), other.token()).status())
                .isEqualTo(201);

        // A cancel gives the allowance back; a bigger order than what is left of it is refused.
        assertThat(api.delete("/api/v1/orders/" + reserved.get(0), shopper.token()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 2), shopper.token())
                .errorCode()).isEqualTo("PURCHASE_LIMIT_EXCEEDED");
        assertThat(api.post("/api/v1/orders", Map.of("time_deal_id", dealId), shopper.token()).status()).isEqualTo(201);
    }

    @Test
    void aDealWithoutALimitShowsNone() {
        JsonNode deal = api.get("/api/v1/timedeals/1", null).data();
        assertThat(deal.has("max_per_shopper")).isTrue();
        assertThat(deal.path("max_per_shopper").isNull()).isTrue();
    }
}
