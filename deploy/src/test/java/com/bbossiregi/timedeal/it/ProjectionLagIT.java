package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Each read model's projection lag is an operator metric, scraped by Prometheus from the management port; the
 * application's port serves no actuator endpoint and keeps {@code /actuator/**} for admins.
 */
class ProjectionLagIT extends SharedApplicationTest {


    @LocalManagementPort
    int managementPort;

    @Test
    void anOrderShowsUpInTheLagOfBothReadModels() {
        String admin = api.admin().token();
        long dealId = api.activeDeal(admin, 4, 5000, 5);
        long orderHistoryBefore = lagCount(scrape(), "order-history");
        long dealListingBefore = lagCount(scrape(), "deal-listing");

        Api.Session shopper = api.newShopper();
        Api.Response order = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 1), shopper.token());
        assertThat(order.status()).isEqualTo(201);

        // Placed and reserved for the order history; the reservation for the deal listing.
        eventually(Duration.ofSeconds(10), () -> {
            String metrics = scrape();
            assertThat(lagCount(metrics, "order-history")).isGreaterThanOrEqualTo(orderHistoryBefore + 2);
            assertThat(lagCount(metrics, "deal-listing")).isGreaterThanOrEqualTo(dealListingBefore + 1);
            assertThat(metrics).contains("timedeal_projection_lag_seconds_bucket{");
        });
    }

    @Test
    void theApplicationsPortKeepsActuatorForAdminsAndServesNoneOfIt() {
        Api.Response anonymous = api.get(PromQl.SCRAPE, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(api.get("/actuator", null).status()).isEqualTo(401);

        String shopper = api.newShopper().token();
        Api.Response forbidden = api.get(PromQl.SCRAPE, shopper);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.errorCode()).isEqualTo("FORBIDDEN");

        // The probes and the scrape are on the management port; the contract's health stays /api/v1/health.
        String admin = api.admin().token();
        assertThat(api.get(PromQl.SCRAPE, admin).status()).isEqualTo(404);
        assertThat(api.get("/actuator/health", admin).status()).isEqualTo(404);
        assertThat(api.get("/actuator/env", admin).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/health", null).status()).isEqualTo(200);
    }

    private String scrape() {
        return PromQl.scrape(managementPort);
    }

    /** {@code timedeal_projection_lag_seconds_count{...projection="<name>"...}}, 0 when not there yet. */
    private static long lagCount(String metrics, String projection) {
        return (long) PromQl.sample(metrics, "timedeal_projection_lag_seconds_count",
                "projection=\"" + projection + "\"").orElse(0);
    }
}
