package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stock invariant, read through the HTTP API: for each deal, reserved is the sum of its reserved orders'
 * quantities and sold the sum over its confirmed orders. Sagas may still be finishing when a test ends, so the
 * check waits (bounded) for the two sides to agree.
 */
final class StockInvariant {

    private static final Duration SETTLE = Duration.ofSeconds(15);

    private StockInvariant() {
    }

    static void assertHolds(Api api) {
        String admin = api.admin().token();
        long deadline = System.nanoTime() + SETTLE.toNanos();
        List<String> mismatches = mismatches(api, admin);
        while (!mismatches.isEmpty() && System.nanoTime() < deadline) {
            sleep();
            mismatches = mismatches(api, admin);
        }
        assertThat(mismatches).as("deals whose counters disagree with their orders").isEmpty();
    }

    private static List<String> mismatches(Api api, String admin) {
        List<String> mismatches = new ArrayList<>();
        for (JsonNode deal : all(api, "/api/v1/timedeals?", null)) {
            long id = deal.path("id").asLong();
            JsonNode detail = api.get("/api/v1/timedeals/" + id, null).data();
            long reserved = sumOfQuantities(api, admin, id, "reserved");
            long sold = sumOfQuantities(api, admin, id, "confirmed");
            int stock = detail.path("stock_quantity").asInt();
            int dealReserved = detail.path("reserved_quantity").asInt();
            int dealSold = detail.path("sold_quantity").asInt();
            if (dealReserved != reserved || dealSold != sold || dealReserved + dealSold > stock
                    || detail.path("available_quantity").asInt() != stock - dealReserved - dealSold) {
                mismatches.add("deal " + id + ": reserved " + dealReserved + " vs orders " + reserved
                        + ", sold " + dealSold + " vs orders " + sold + ", stock " + stock);
            }
        }
        return mismatches;
    }

    private static long sumOfQuantities(Api api, String admin, long dealId, String status) {
        long sum = 0;
        for (JsonNode order : all(api, "/api/v1/admin/orders?time_deal_id=" + dealId + "&status=" + status + "&", admin)) {
            sum += order.path("quantity").asLong();
        }
        return sum;
    }

    private static List<JsonNode> all(Api api, String pathWithQuery, String token) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 1; ; page++) {
            Api.Response response = api.get(pathWithQuery + "per_page=100&page=" + page, token);
            assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
            response.data().forEach(items::add);
            if (page >= response.json().path("meta").path("total_pages").asLong()) {
                return items;
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
