package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** An admin withdraws a deal: open orders are canceled with their stock, paid ones stay paid. */
class AdminCancelDealIT extends SharedApplicationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void cancelingADealCancelsItsOpenOrdersAndKeepsThePaidOnes() {
        String admin = api.admin().token();
        long dealId = api.activeDeal(admin, 2, 70000, 10);
        Api.Session shopper = api.newShopper();
        String reserved = order(dealId, 2, shopper);
        String paid = order(dealId, 3, shopper);
        String canceled = order(dealId, 1, shopper);
        assertThat(api.post("/api/v1/orders/" + paid + "/payment", Map.of(), shopper.token()).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/orders/" + canceled, shopper.token()).status()).isEqualTo(200);
        Api.Response failed = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 10), shopper.token());
        assertThat(failed.status()).isEqualTo(409);

        assertThat(api.delete("/api/v1/admin/timedeals/" + dealId, shopper.token()).status()).isEqualTo(403);
        Api.Response withdrawn = api.delete("/api/v1/admin/timedeals/" + dealId, admin);
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.data().path("status").asText()).isEqualTo("canceled");
        assertThat(withdrawn.data().path("reserved_quantity").asInt()).isZero();
        assertThat(withdrawn.data().path("sold_quantity").asInt()).isEqualTo(3);

        assertThat(statusOf(reserved, shopper)).isEqualTo("canceled");
        assertThat(statusOf(paid, shopper)).isEqualTo("confirmed");
        assertThat(statusOf(canceled, shopper)).isEqualTo("canceled");
        JsonNode deal = api.get("/api/v1/timedeals/" + dealId, null).data();
        assertThat(deal.path("status").asText()).isEqualTo("canceled");
        assertThat(deal.path("available_quantity").asInt()).isEqualTo(7);

        String cancelEvent = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') || convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%OrderCanceledEvent'""", String.class, reserved);
        assertThat(cancelEvent).contains("DEAL_CANCELED").contains("\"actorType\":\"ADMIN\"");
        // The deal ended its open orders' holds itself, in the cancel's unit of work, on the admin's word (ADR 0019).
        String holdsEnded = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') || convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%ReservationHoldsEndedEvent'""", String.class,
                "timedeal-" + dealId);
        assertThat(holdsEnded).contains(reserved).doesNotContain(paid).doesNotContain(canceled)
                .contains("\"actorType\":\"ADMIN\"");

        Api.Response again = api.delete("/api/v1/admin/timedeals/" + dealId, admin);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorCode()).isEqualTo("ALREADY_CANCELED");
        Api.Response orderOnCanceled = api.post("/api/v1/orders", Map.of("time_deal_id", dealId), shopper.token());
        assertThat(orderOnCanceled.status()).isEqualTo(400);
        assertThat(orderOnCanceled.errorCode()).isEqualTo("DEAL_NOT_ACTIVE");
        assertThat(api.delete("/api/v1/admin/timedeals/999999", admin).status()).isEqualTo(404);
    }

    private String order(long dealId, int quantity, Api.Session shopper) {
        Api.Response response = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", quantity),
                shopper.token());
        assertThat(response.status()).isEqualTo(201);
        return response.data().path("id").asText();
    }

    private String statusOf(String orderId, Api.Session shopper) {
        return api.get("/api/v1/orders/" + orderId, shopper.token()).data().path("status").asText();
    }
}
