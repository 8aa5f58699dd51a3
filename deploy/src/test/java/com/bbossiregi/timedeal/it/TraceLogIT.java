package com.bbossiregi.timedeal.it;

import static com.bbossiregi.timedeal.it.ApiTestBase.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One trace follows an order: the trace id the answer names is in the log lines of its HTTP request, of the order saga
 * and of both read models, each handling that order's events on threads of their own.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceLogIT {

    private static final String TRACE_HEADER = "X-Trace-Id";
    private final TestDatabase.Settings database = TestDatabase.create("timedeal_trace");

    @Test
    void oneTraceIdRunsFromTheRequestThroughTheCommandsAndTheSagaToTheReadModels(CapturedOutput output) {
        try (ConfigurableApplicationContext application = StandaloneApplication.start(database,
                "--logging.level.org.springframework.web.servlet.DispatcherServlet=debug",
                "--logging.level.com.bbossiregi.timedeal.platform.tracing=debug")) {
            Api api = StandaloneApplication.api(application);
            String token = api.login("user1@test.com", "password123").token();

            Api.Response placed = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 1), token);
            assertThat(placed.status()).isEqualTo(201);
            String traceId = placed.header(TRACE_HEADER);
            assertThat(traceId).matches("[0-9a-f]{32}");

            eventually(Duration.ofSeconds(20), () -> {
                List<String> lines = linesOf(output, traceId);
                assertThat(lines).as("the HTTP request").anyMatch(line -> line.contains("DispatcherServlet")
                        && line.contains("POST \"/api/v1/orders\""));
                assertThat(lines).as("the command from the request").anyMatch(line -> line.contains("command handles PlaceOrderCommand"));
                assertThat(lines).as("the order history").anyMatch(line -> line.contains("order-history handles OrderReservedEvent"));
                assertThat(lines).as("the deal listing").anyMatch(line -> line.contains("deal-listing handles StockReservedEvent"));
            });

            // The payment's trace runs through the saga, which the request starts, to the commands it sends again.
            Api.Response paid = api.post("/api/v1/orders/" + placed.data().path("id").asText() + "/payment",
                    Map.of(), token);
            assertThat(paid.status()).isEqualTo(200);
            String paymentTrace = paid.header(TRACE_HEADER);
            eventually(Duration.ofSeconds(20), () -> {
                List<String> lines = linesOf(output, paymentTrace);
                assertThat(lines).as("the payment's command").anyMatch(line -> line.contains("command handles RequestPaymentCommand"));
                assertThat(lines).as("the saga").anyMatch(line -> line.contains("order-saga handles PaymentCompletedEvent"));
                assertThat(lines).as("the sale, from the request and from the saga")
                        .filteredOn(line -> line.contains("command handles SellReservedStockCommand")).hasSize(2);
                assertThat(lines).as("the deal listing").anyMatch(line -> line.contains("deal-listing handles ReservedStockSoldEvent"));
            });

            // An unpaid order has no saga: its cancel's trace runs from the request to the deal's release.
            Api.Response other = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 1), token);
            Api.Response canceled = api.delete("/api/v1/orders/" + other.data().path("id").asText(), token);
            assertThat(canceled.status()).isEqualTo(200);
            String cancelTrace = canceled.header(TRACE_HEADER);
            eventually(Duration.ofSeconds(20), () -> {
                List<String> lines = linesOf(output, cancelTrace);
                assertThat(lines).as("the cancel's command").anyMatch(line -> line.contains("command handles CancelOrderCommand"));
                assertThat(lines).as("the release").anyMatch(line -> line.contains("command handles ReleaseStockCommand"));
                assertThat(lines).as("the deal listing").anyMatch(line -> line.contains("deal-listing handles StockReleasedEvent"));
            });

            // Another request is another trace, and an error answer names its trace too.
            Api.Response refused = api.get("/api/v1/orders", null);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header(TRACE_HEADER)).matches("[0-9a-f]{32}").isNotEqualTo(traceId);
        }
    }

    /** The log lines that carry the trace id. */
    private static List<String> linesOf(CapturedOutput output, String traceId) {
        return output.getAll().lines().filter(line -> line.contains(traceId)).toList();
    }
}
