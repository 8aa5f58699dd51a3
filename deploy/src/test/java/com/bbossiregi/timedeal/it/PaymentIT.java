package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Paying a reservation: confirmed and sold, or declined and compensated. */
class PaymentIT extends SharedApplicationTest {

    @Autowired
    JdbcTemplate jdbc;

    private long newActiveDeal(int stock) {
        return api.activeDeal(api.admin().token(), 4, 20000, stock);
    }

    @Test
    void aPaidOrderIsConfirmedAndItsQuantityCountsAsSold() {
        long dealId = newActiveDeal(10);
        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 3), shopper.token())
                .data().path("id").asText();

        Api.Response paid = api.post("/api/v1/orders/" + orderId + "/payment", Map.of("method", "card"), shopper.token());
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.data().path("status").asText()).isEqualTo("confirmed");
        assertThat(paid.data().path("confirmed_at").isTextual()).isTrue();
        assertThat(paid.data().path("total_price").asLong()).isEqualTo(60000);

        JsonNode deal = api.get("/api/v1/timedeals/" + dealId, null).data();
        assertThat(deal.path("sold_quantity").asInt()).isEqualTo(3);
        assertThat(deal.path("reserved_quantity").asInt()).isZero();
        assertThat(deal.path("available_quantity").asInt()).isEqualTo(7);
        assertThat(api.get("/api/v1/orders/" + orderId, shopper.token()).data().path("status").asText())
                .isEqualTo("confirmed");

        Api.Response again = api.post("/api/v1/orders/" + orderId + "/payment", Map.of(), shopper.token());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().path("status").asText()).isEqualTo("confirmed");
        assertThat(paymentsRequested(orderId)).isEqualTo(1);
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("sold_quantity").asInt()).isEqualTo(3);

        Api.Response cancel = api.delete("/api/v1/orders/" + orderId, shopper.token());
        assertThat(cancel.status()).isEqualTo(400);
        assertThat(cancel.errorCode()).isEqualTo("CANNOT_CANCEL");
    }

    @Test
    void aDeclinedPaymentCancelsTheOrderAndGivesTheStockBack() {
        long dealId = newActiveDeal(10);
        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 2), shopper.token())
                .data().path("id").asText();

        Api.Response declined = api.post("/api/v1/orders/" + orderId + "/payment", Map.of("method", "fail"), shopper.token());
        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.errorCode()).isEqualTo("PAYMENT_FAILED");

        assertThat(api.get("/api/v1/orders/" + orderId, shopper.token()).data().path("status").asText())
                .isEqualTo("canceled");
        JsonNode deal = api.get("/api/v1/timedeals/" + dealId, null).data();
        assertThat(deal.path("available_quantity").asInt()).isEqualTo(10);
        assertThat(deal.path("sold_quantity").asInt()).isZero();
        assertThat(canceledWithReason(orderId)).isEqualTo("PAYMENT_FAILED");

        Api.Response payAgain = api.post("/api/v1/orders/" + orderId + "/payment", Map.of(), shopper.token());
        assertThat(payAgain.status()).isEqualTo(400);
        assertThat(payAgain.errorCode()).isEqualTo("ALREADY_CANCELED");
    }

    @Test
    void aGatewayThatDoesNotAnswerInTimeCountsAsAFailedPayment() {
        long dealId = newActiveDeal(5);
        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", dealId), shopper.token()).data().path("id").asText();

        Api.Response timedOut = api.post("/api/v1/orders/" + orderId + "/payment", Map.of("method", "timeout"),
                shopper.token());
        assertThat(timedOut.status()).isEqualTo(402);
        assertThat(timedOut.errorCode()).isEqualTo("PAYMENT_FAILED");
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("available_quantity").asInt()).isEqualTo(5);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%PaymentFailedEvent'
                  AND convert_from(payload, 'UTF8') LIKE '%gateway_timeout%'""", Long.class, orderId)).isEqualTo(1);
    }

    @Test
    void onlyTheOwnerPaysAndOnlyAReservedOrder() {
        long dealId = newActiveDeal(5);
        Api.Session owner = api.newShopper();
        Api.Session stranger = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", dealId), owner.token()).data().path("id").asText();

        assertThat(api.post("/api/v1/orders/" + orderId + "/payment", Map.of(), stranger.token()).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/orders/no-such-order/payment", Map.of(), owner.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/orders/" + orderId + "/payment", Map.of(), null).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/orders/" + orderId + "/payment", "{\"method\":", owner.token()).status())
                .isEqualTo(400);

        api.delete("/api/v1/orders/" + orderId, owner.token());
        Api.Response canceled = api.post("/api/v1/orders/" + orderId + "/payment", Map.of(), owner.token());
        assertThat(canceled.status()).isEqualTo(400);
        assertThat(canceled.errorCode()).isEqualTo("ALREADY_CANCELED");
        assertThat(paymentsRequested(orderId)).isZero();
    }

    private long paymentsRequested(String orderId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%PaymentRequestedEvent'""", Long.class, orderId);
    }

    private String canceledWithReason(String orderId) {
        String payload = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%OrderCanceledEvent'""", String.class, orderId);
        return payload.replaceAll(".*\"reason\":\"([A-Z_]+)\".*", "$1");
    }
}
