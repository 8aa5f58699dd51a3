package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deadlines that fall due while the application is down happen after it starts again: late, but exactly once. The
 * deal's look at its holds (ADR 0019) that ran late ends every hold due by then, in one unit of work.
 */
class DeadlineRestartIT {

    private final TestDatabase.Settings database = TestDatabase.create("timedeal_deadline_restart");

    @Test
    void aDealStartAndAHoldExpiryDueDuringDowntimeHappenOnceAfterTheRestart() throws InterruptedException {
        Instant start;
        long dealId;
        String orderId;
        String otherOrderId;
        try (ConfigurableApplicationContext first = start()) {
            Api api = api(first);
            start = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
            String admin = api.admin().token();
            dealId = api.post("/api/v1/admin/timedeals", Map.of("product_id", 1, "deal_price", 30000, "stock_quantity", 10,
                    "start_at", start.toString(), "end_at", start.plusSeconds(3600).toString()), admin)
                    .data().path("id").asLong();
            Api.Session shopper = api.login("user1@test.com", "password123");
            orderId = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 2), shopper.token())
                    .data().path("id").asText();
            Api.Session other = api.login("user2@test.com", "password123");
            otherOrderId = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 1), other.token())
                    .data().path("id").asText();
            assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("status").asText()).isEqualTo("scheduled");
        }

        Thread.sleep(Duration.between(Instant.now(), start).plusSeconds(2).toMillis());

        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second);
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            Api.Session shopper = api.login("user1@test.com", "password123");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && !("active".equals(
                    api.get("/api/v1/timedeals/" + dealId, null).data().path("status").asText())
                    && "canceled".equals(api.get("/api/v1/orders/" + orderId, shopper.token()).data().path("status").asText()))) {
                Thread.sleep(100);
            }
            assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("status").asText()).isEqualTo("active");
            assertThat(api.get("/api/v1/orders/" + orderId, shopper.token()).data().path("status").asText())
                    .isEqualTo("canceled");
            long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < waitUntil
                    && api.get("/api/v1/timedeals/1", null).data().path("reserved_quantity").asInt() != 0) {
                Thread.sleep(100);
            }
            assertThat(api.get("/api/v1/timedeals/1", null).data().path("reserved_quantity").asInt()).isZero();

            Thread.sleep(2000);
            assertThat(count(jdbc, "timedeal-" + dealId, "TimeDealStartedEvent")).isEqualTo(1);
            assertThat(count(jdbc, orderId, "OrderCanceledEvent")).isEqualTo(1);
            assertThat(count(jdbc, otherOrderId, "OrderCanceledEvent")).isEqualTo(1);
            assertThat(count(jdbc, "timedeal-1", "StockReleasedEvent")).isEqualTo(2);
            assertThat(count(jdbc, "timedeal-1", "ReservationHoldsEndedEvent")).as("one look for both holds").isEqualTo(1);
        }
    }

    private static long count(JdbcTemplate jdbc, String stream, String eventType) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE ?", Long.class, stream, "%." + eventType);
    }

    private ConfigurableApplicationContext start() {
        return StandaloneApplication.start(database, "--timedeal.orders.reservation-hold=4s");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return StandaloneApplication.api(context);
    }
}
