package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.time.Duration;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Each role started alone against a shared database serves its half of the API; the other half answers 404 in the
 * envelope. A command node runs the saga and the deadlines but no read model; a query node the read models only.
 */
class RolesIT {

    private final TestDatabase.Settings database = TestDatabase.create("timedeal_roles");

    @Test
    void eachRoleAloneServesItsHalfOfTheApi() {
        String token;
        String orderId;
        try (ConfigurableApplicationContext command = StandaloneApplication.start(database, "--timedeal.role=command")) {
            Api api = StandaloneApplication.api(command);
            assertThat(api.get("/api/v1/health", null).status()).isEqualTo(200);
            token = api.login("user1@test.com", "password123").token();
            Api.Response placed = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 2), token);
            assertThat(placed.status()).isIn(201, 202);
            orderId = placed.data().path("id").asText();

            assertNotServed(api.get("/api/v1/timedeals", null));
            assertNotServed(api.get("/api/v1/timedeals/1", null));
            assertNotServed(api.get("/api/v1/orders", token));
            assertNotServed(api.get("/api/v1/orders/" + orderId, token));

            EventProcessingConfiguration processing = command.getBean(EventProcessingConfiguration.class);
            assertThat(processing.eventProcessor("order-saga")).isPresent();
            assertThat(processing.eventProcessor("deal-listing")).isEmpty();
            assertThat(processing.eventProcessor("order-history")).isEmpty();
            assertThat(command.getBeansOfType(Scheduler.class)).hasSize(1);
        }

        try (ConfigurableApplicationContext query = StandaloneApplication.start(database, "--timedeal.role=query")) {
            Api api = StandaloneApplication.api(query);
            assertThat(api.get("/api/v1/health", null).status()).isEqualTo(200);
            ApiTestBase.eventually(Duration.ofSeconds(30), () -> {
                Api.Response deal = api.get("/api/v1/timedeals/1", null);
                assertThat(deal.status()).isEqualTo(200);
                assertThat(deal.data().path("reserved_quantity").asInt()).isEqualTo(2);
            });
            assertThat(api.get("/api/v1/orders/" + orderId, token).status()).isEqualTo(200);

            assertNotServed(api.post("/api/v1/auth/login",
                    Map.of("email", "user1@test.com", "password", "password123"), null));
            assertNotServed(api.post("/api/v1/orders", Map.of("time_deal_id", 1), token));
            assertNotServed(api.delete("/api/v1/orders/" + orderId, token));

            EventProcessingConfiguration processing = query.getBean(EventProcessingConfiguration.class);
            assertThat(processing.eventProcessor("deal-listing")).isPresent();
            assertThat(processing.eventProcessor("order-history")).isPresent();
            assertThat(processing.eventProcessor("order-saga")).isEmpty();
            assertThat(query.getBeansOfType(Scheduler.class)).isEmpty();
        }
    }

    private static void assertNotServed(Api.Response response) {
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("success").asBoolean(true)).isFalse();
        assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
    }
}
