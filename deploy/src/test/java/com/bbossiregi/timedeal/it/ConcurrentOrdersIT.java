package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Many shoppers race for one deal: never oversold, and canceled stock comes back. */
class ConcurrentOrdersIT extends SharedApplicationTest {

    private static final int STOCK = 50;
    private static final int SHOPPERS = 20;
    private static final int ORDERS = 200;

    @Test
    void twoHundredConcurrentOrdersOnFiftyInStockGiveFiftyReservationsAndNoOversell() throws Exception {
        String admin = api.admin().token();
        Instant now = Instant.now();
        long dealId = api.post("/api/v1/admin/timedeals", Map.of("product_id", 3, "deal_price", 9900,
                "stock_quantity", STOCK, "start_at", now.minusSeconds(10).toString(),
                "end_at", now.plusSeconds(3600).toString()), admin).data().path("id").asLong();
        List<Api.Session> shoppers = new ArrayList<>();
        for (int i = 0; i < SHOPPERS; i++) {
            shoppers.add(api.newShopper());
        }

        List<Api.Response> answers = ConcurrentRequests.atOnce(ORDERS, i -> api.post("/api/v1/orders",
                Map.of("time_deal_id", dealId, "quantity", 1), shoppers.get(i % SHOPPERS).token()));

        assertThat(ConcurrentRequests.statusCounts(answers))
                .containsOnly(entry(201, (long) STOCK), entry(409, (long) (ORDERS - STOCK)));
        assertThat(answers).filteredOn(answer -> answer.status() == 409)
                .extracting(Api.Response::errorCode).containsOnly("INSUFFICIENT_STOCK");
        List<Api.Response> reservations = answers.stream().filter(answer -> answer.status() == 201).toList();

        JsonNode soldOut = api.get("/api/v1/timedeals/" + dealId, null).data();
        assertThat(soldOut.path("reserved_quantity").asInt()).isEqualTo(STOCK);
        assertThat(soldOut.path("available_quantity").asInt()).isZero();
        assertThat(soldOut.path("status").asText()).isEqualTo("soldout");

        Map<String, String> tokenByUser = new ConcurrentHashMap<>();
        shoppers.forEach(s -> tokenByUser.put(Long.toString(s.userId()), s.token()));
        for (Api.Response reservation : reservations.subList(0, 10)) {
            JsonNode order = reservation.data();
            Api.Response canceled = api.delete("/api/v1/orders/" + order.path("id").asText(),
                    tokenByUser.get(order.path("user_id").asText()));
            assertThat(canceled.status()).isEqualTo(200);
        }

        JsonNode reopened = api.get("/api/v1/timedeals/" + dealId, null).data();
        assertThat(reopened.path("available_quantity").asInt()).isEqualTo(10);
        assertThat(reopened.path("reserved_quantity").asInt()).isEqualTo(STOCK - 10);
        assertThat(reopened.path("status").asText()).isEqualTo("active");
    }
}
