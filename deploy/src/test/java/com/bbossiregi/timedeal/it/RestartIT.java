package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stop and start on the same database: the state is replayed from the store and the demo data is not made twice. */
class RestartIT {

    private final TestDatabase.Settings database = TestDatabase.create("timedeal_restart");

    @Test
    void aRestartKeepsDealsOrdersAndCountersAndDoesNotDuplicateTheDemoData() {
        String orderId;
        String token;
        JsonNode dealBefore;
        JsonNode listBefore;
        long eventsBefore;
        try (ConfigurableApplicationContext first = start()) {
            Api api = api(first);
            Api.Session shopper = api.login("user1@test.com", "password123");
            token = shopper.token();
            orderId = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 3), token).data().path("id").asText();
            String canceledId = api.post("/api/v1/orders", Map.of("time_deal_id", 1), token).data().path("id").asText();
            assertThat(api.delete("/api/v1/orders/" + canceledId, token).status()).isEqualTo(200);
            dealBefore = api.get("/api/v1/timedeals/1", null).data();
            listBefore = api.get("/api/v1/orders", token).data();
            eventsBefore = first.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        }

        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second);
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            JsonNode dealAfter = api.get("/api/v1/timedeals/1", null).data();
            assertThat(dealAfter.path("reserved_quantity").asInt()).isEqualTo(dealBefore.path("reserved_quantity").asInt())
                    .isEqualTo(3);
            assertThat(dealAfter.path("available_quantity").asInt()).isEqualTo(97);
            assertThat(api.get("/api/v1/orders", token).data()).isEqualTo(listBefore);
            assertThat(api.get("/api/v1/orders/" + orderId, token).data().path("status").asText()).isEqualTo("reserved");

            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(eventsBefore);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM user_account", Long.class)).isEqualTo(3);
            assertThat(api.get("/api/v1/timedeals", null).json().path("meta").path("total").asLong()).isEqualTo(5);

            // The deal aggregate itself, not only the read model, came back with its counters.
            Api.Session other = api.login("user2@test.com", "password123");
            assertThat(api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 10), other.token()).status())
                    .isEqualTo(201);
            assertThat(api.get("/api/v1/timedeals/1", null).data().path("available_quantity").asInt()).isEqualTo(87);
        }
    }

    private ConfigurableApplicationContext start() {
        return StandaloneApplication.start(database);
    }

    private static Api api(ConfigurableApplicationContext context) {
        return StandaloneApplication.api(context);
    }
}
