package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deal opens at its start and closes at its end, by deadline, to the second. */
class DealClockIT extends SharedApplicationTest {

    /** Deadlines are polled four times a second; a second of slack keeps a loaded CI machine from flaking. */
    private static final Duration ON_TIME = Duration.ofMillis(1500);

    @Test
    void aDealStartsAndEndsOnTimeAndAHeldReservationIsStillPayableAfterTheEnd() {
        Instant start = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plusSeconds(3);
        long dealId = api.post("/api/v1/admin/timedeals", Map.of("product_id", 3, "deal_price", 10000,
                "stock_quantity", 10, "start_at", start.toString(), "end_at", end.toString()),
                api.admin().token()).data().path("id").asLong();
        Api.Session shopper = api.newShopper();

        assertThat(status(dealId)).isEqualTo("scheduled");
        Api.Response early = api.post("/api/v1/orders", Map.of("time_deal_id", dealId), shopper.token());
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.errorCode()).isEqualTo("DEAL_NOT_ACTIVE");

        Instant activeAt = waitForStatus(dealId, "active");
        assertThat(activeAt).isAfterOrEqualTo(start).isBefore(start.plus(ON_TIME));
        Api.Response order = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 2), shopper.token());
        assertThat(order.status()).isEqualTo(201);

        Instant endedAt = waitForStatus(dealId, "ended");
        assertThat(endedAt).isAfterOrEqualTo(end).isBefore(end.plus(ON_TIME));
        Api.Response late = api.post("/api/v1/orders", Map.of("time_deal_id", dealId), shopper.token());
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.errorCode()).isEqualTo("DEAL_NOT_ACTIVE");

        Api.Response paid = api.post("/api/v1/orders/" + order.data().path("id").asText() + "/payment", Map.of(),
                shopper.token());
        assertThat(paid.status()).isEqualTo(200);
        JsonNode deal = api.get("/api/v1/timedeals/" + dealId, null).data();
        assertThat(deal.path("status").asText()).isEqualTo("ended");
        assertThat(deal.path("sold_quantity").asInt()).isEqualTo(2);
        assertThat(deal.path("remaining_seconds").asLong()).isZero();
    }

    private String status(long dealId) {
        return api.get("/api/v1/timedeals/" + dealId, null).data().path("status").asText();
    }

    private Instant waitForStatus(long dealId, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (expected.equals(status(dealId))) {
                return Instant.now();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("deal " + dealId + " never became " + expected);
    }
}
