package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A reservation that is not paid within the hold (two seconds here) is canceled by the system. */
class ReservationHoldIT extends ApiTestBase {

    private static final TestDatabase.Settings DATABASE = TestDatabase.create("timedeal_hold");
    private static final Duration HOLD = Duration.ofSeconds(2);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeadlineManager deadlineManager;

    @DynamicPropertySource
    static void shortHold(DynamicPropertyRegistry registry) {
        configure(registry, DATABASE);
        registry.add("timedeal.orders.reservation-hold", HOLD::toString);
    }

    private long newActiveDeal() {
        return api.activeDeal(api.admin().token(), 5, 30000, 20);
    }

    @Test
    void deadlinesAreKeptInTheDatabaseNotInMemory() {
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", newActiveDeal()), shopper.token())
                .data().path("id").asText();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Long.class)).isPositive();
        api.delete("/api/v1/orders/" + orderId, shopper.token());
    }

    @Test
    void anUnpaidReservationExpiresAndItsStockComesBack() {
        long dealId = newActiveDeal();
        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 4), shopper.token())
                .data().path("id").asText();
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("available_quantity").asInt()).isEqualTo(16);

        eventually(Duration.ofSeconds(15), () -> assertThat(
                api.get("/api/v1/orders/" + orderId, shopper.token()).data().path("status").asText()).isEqualTo("canceled"));
        eventually(Duration.ofSeconds(5), () -> assertThat(
                api.get("/api/v1/timedeals/" + dealId, null).data().path("available_quantity").asInt()).isEqualTo(20));

        Map<String, Object> canceled = jdbc.queryForMap("""
                SELECT convert_from(payload, 'UTF8') AS payload, convert_from(meta_data, 'UTF8') AS meta
                FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%OrderCanceledEvent'""",
                orderId);
        assertThat(canceled.get("payload").toString()).contains("RESERVATION_EXPIRED");
        assertThat(canceled.get("meta").toString()).contains("\"actorType\":\"SYSTEM\"");
    }

    @Test
    void payingBeforeTheHoldEndsKeepsTheOrder() throws InterruptedException {
        long dealId = newActiveDeal();
        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", dealId), shopper.token()).data().path("id").asText();
        assertThat(api.post("/api/v1/orders/" + orderId + "/payment", Map.of(), shopper.token()).status()).isEqualTo(200);

        Thread.sleep(HOLD.plusSeconds(2).toMillis());
        assertThat(api.get("/api/v1/orders/" + orderId, shopper.token()).data().path("status").asText())
                .isEqualTo("confirmed");
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("sold_quantity").asInt()).isEqualTo(1);
    }

    @Test
    void cancelingBeforeTheHoldEndsCancelsTheHold() throws InterruptedException {
        long dealId = newActiveDeal();
        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", dealId), shopper.token()).data().path("id").asText();
        assertThat(api.delete("/api/v1/orders/" + orderId, shopper.token()).status()).isEqualTo(200);

        Thread.sleep(HOLD.plusSeconds(2).toMillis());
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%OrderCanceledEvent'""", Long.class, orderId))
                .isEqualTo(1);
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("available_quantity").asInt()).isEqualTo(20);
    }
}
