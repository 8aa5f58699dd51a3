package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Api.Response> reservations = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(ORDERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            Api.Session shopper = shoppers.get(i % SHOPPERS);
            calls.add(pool.submit(() -> {
                start.await();
                Api.Response response = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 1),
                        shopper.token());
                statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
                if (response.status() == 201) {
                    reservations.add(response);
                } else if (response.status() == 409) {
                    assertThat(response.errorCode()).isEqualTo("INSUFFICIENT_STOCK");
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> call : calls) {
            call.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(statuses.keySet()).containsExactlyInAnyOrder(201, 409);
        assertThat(statuses.get(201).get()).isEqualTo(STOCK);
        assertThat(statuses.get(409).get()).isEqualTo(ORDERS - STOCK);

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
