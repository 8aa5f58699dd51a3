package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import com.bbossiregi.timedeal.platform.axon.LeanAxonMetrics;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * What an operator's tools read from a running node: the probes and Prometheus's scrape on the management port, with
 * no token, and the shop's counters moving with the orders.
 */
class OperationsIT extends SharedApplicationTest {

    @LocalManagementPort
    int managementPort;

    private Api management;

    @Autowired
    GlobalMetricRegistry axonMetrics;

    @BeforeEach
    void managementPort() {
        management = new Api(managementPort);
    }

    @Test
    void theProbesAnswerOnTheManagementPortWithoutAToken() {
        eventually(Duration.ofSeconds(30), () -> {
            Api.Response readiness = management.get("/actuator/health/readiness", null);
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
            assertThat(readiness.json().path("components").path("database").path("status").asText()).isEqualTo("UP");
            assertThat(readiness.json().path("components").path("processors").path("details")
                    .path("order-saga").path("running").asBoolean()).isTrue();
        });
        Api.Response liveness = management.get("/actuator/health/liveness", null);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asText()).isEqualTo("UP");
        // Only the probes and the scrape are served there.
        assertThat(management.get("/actuator/env", null).status()).isEqualTo(404);
    }

    @Test
    void theScrapeHasEverySeriesTheDashboardAndTheAlertRulesRead() throws IOException {
        Set<String> wanted = new TreeSet<>();
        List<String> expressions = new ArrayList<>(PromQl.alertExpressions());
        expressions.addAll(PromQl.dashboardExpressions());
        expressions.forEach(expression -> wanted.addAll(PromQl.metricNames(expression)));
        assertThat(wanted).contains("timedeal_orders_total", "timedeal_payments_total", "timedeal_deal_stock",
                "timedeal_processor_lag", "timedeal_projection_lag_seconds_bucket", "http_server_requests_seconds_count",
                "timedeal_orders_idempotent_replays_total", "eventProcessor_processedCounter_total");

        // An answer and the deal stock's first reading may take a moment after the start.
        api.get("/api/v1/timedeals", null);
        eventually(Duration.ofSeconds(30), () -> {
            Set<String> scraped = PromQl.sampleNames(scrape());
            assertThat(scraped).containsAll(wanted);
        });
        // Each request is timed once (management.observations.long-task-timer.enabled: false, application.yml).
        assertThat(PromQl.sampleNames(scrape())).noneMatch(name -> name.startsWith("http_server_requests_active"));
    }

    /** Axon's capacity gauges, taken over a bounded window (Axon's own kept ten minutes of every message in memory). */
    @Test
    void axonsCapacityIsScrapedForTheProcessorsAndTheCommandBus() {
        assertThat(axonMetrics).isInstanceOf(LeanAxonMetrics.class);
        api.post("/api/v1/orders", Map.of("time_deal_id", 1), api.newShopper().token());
        eventually(Duration.ofSeconds(30), () -> {
            String scraped = scrape();
            assertThat(scraped).containsPattern("(?m)^eventProcessor_capacity\\{[^}]*processorName=\"order-history\"")
                    .containsPattern("(?m)^commandBus_capacity\\{[^}]*payloadType=\"PlaceOrderCommand\"");
        });
    }

    @Test
    void ordersAndPaymentsAreCountedByOutcomeFromTheirEvents() {
        String admin = api.admin().token();
        long dealId = api.activeDeal(admin, 3, 5000, 5);
        String before = scrape();
        Api.Session shopper = api.newShopper();

        String paid = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 1), shopper.token())
                .data().path("id").asText();
        assertThat(api.post("/api/v1/orders/" + paid + "/payment", Map.of("method", "card"), shopper.token()).status())
                .isEqualTo(200);
        String declined = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 1), shopper.token())
                .data().path("id").asText();
        assertThat(api.post("/api/v1/orders/" + declined + "/payment", Map.of("method", "fail"), shopper.token())
                .status()).isEqualTo(402);
        String canceled = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 1), shopper.token())
                .data().path("id").asText();
        assertThat(api.delete("/api/v1/orders/" + canceled, shopper.token()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 5), shopper.token()).status())
                .isEqualTo(409);

        eventually(Duration.ofSeconds(10), () -> {
            String after = scrape();
            assertThat(delta(before, after, "timedeal_orders_total", "reserved", "none")).isEqualTo(3);
            assertThat(delta(before, after, "timedeal_orders_total", "confirmed", "none")).isEqualTo(1);
            assertThat(delta(before, after, "timedeal_orders_total", "canceled", "user_requested")).isEqualTo(1);
            assertThat(delta(before, after, "timedeal_orders_total", "canceled", "payment_failed")).isEqualTo(1);
            assertThat(delta(before, after, "timedeal_orders_total", "failed", "insufficient_stock")).isEqualTo(1);
            assertThat(delta(before, after, "timedeal_payments_total", "approved", "none")).isEqualTo(1);
            assertThat(delta(before, after, "timedeal_payments_total", "failed", "declined")).isEqualTo(1);
            // The deal's stock as the listing shows it: one sold, none held, four left.
            assertThat(value(after, "timedeal_deal_stock", "time_deal_id=\"" + dealId + "\"", "state=\"available\""))
                    .isEqualTo(4);
            assertThat(value(after, "timedeal_deal_stock", "time_deal_id=\"" + dealId + "\"", "state=\"sold\""))
                    .isEqualTo(1);
        });
    }

    private String scrape() {
        return PromQl.scrape(managementPort);
    }

    private static double delta(String before, String after, String metric, String outcome, String reason) {
        String[] labels = {"outcome=\"" + outcome + "\"", "reason=\"" + reason + "\""};
        return value(after, metric, labels) - value(before, metric, labels);
    }

    /** The sample of {@code metric} whose labels include all of {@code labels}; 0 when there is none. */
    private static double value(String scrape, String metric, String... labels) {
        return PromQl.sample(scrape, metric, labels).orElse(0);
    }
}
