package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * A command answer waits for the read models, so the reads sent right after it show it. Here both read models stand
 * still when an order (and then its cancel) is sent and start again only a moment later: the answer comes after they
 * caught up, and the reads right after it, which do not wait, show the write. Without the answer's wait they would
 * answer from where the read models stood. Read models that stand still for longer than the wait do not hold a stored
 * order's 201 back; that answer is counted instead, for the operator's alert.
 */
class ReadYourWritesIT extends SharedApplicationTest {

    private static final List<String> READ_MODELS = List.of("deal-listing", "order-history");

    @Autowired
    EventProcessingConfiguration processing;

    @LocalManagementPort
    int managementPort;

    private final ScheduledExecutorService restarter = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void readModelsRunAgain() {
        restarter.shutdownNow();
        READ_MODELS.forEach(name -> processor(name).start());
    }

    @Test
    void theReadsRightAfterAnAnswerShowItsWrite() {
        String admin = api.admin().token();
        long dealId = api.activeDeal(admin, 3, 9000, 5);
        Api.Session shopper = api.newShopper();

        standStillForAMoment();
        Api.Response order = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 2), shopper.token());
        assertThat(order.status()).as(order.raw().body()).isEqualTo(201);
        String orderId = order.data().path("id").asText();
        JsonNode deal = api.get("/api/v1/timedeals/" + dealId, null).data();
        assertThat(deal.path("reserved_quantity").asInt()).as(deal.toString()).isEqualTo(2);
        assertThat(deal.path("available_quantity").asInt()).isEqualTo(3);
        Api.Response mine = api.get("/api/v1/orders/" + orderId, shopper.token());
        assertThat(mine.status()).as(mine.raw().body()).isEqualTo(200);
        assertThat(mine.data().path("status").asText()).isEqualTo("reserved");

        standStillForAMoment();
        assertThat(api.delete("/api/v1/orders/" + orderId, shopper.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("available_quantity").asInt()).isEqualTo(5);
        JsonNode orders = api.get("/api/v1/orders", shopper.token()).data();
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).path("status").asText()).isEqualTo("canceled");
    }

    /**
     * Read models that stand still longer than the answer's wait: the order is stored and answered 201 all the same,
     * and the answer that went out before the read models showed it is counted for the operator, whose reads catch up
     * once the read models run again.
     */
    @Test
    void anAnswerSentBeforeTheReadModelsShowItIsCounted() {
        String admin = api.admin().token();
        long dealId = api.activeDeal(admin, 3, 9000, 5);
        Api.Session shopper = api.newShopper();
        double before = expiredWaits();

        READ_MODELS.forEach(name -> processor(name).shutDown());
        long sent = System.nanoTime();
        Api.Response order = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 2), shopper.token());
        Duration waited = Duration.ofNanos(System.nanoTime() - sent);

        assertThat(order.status()).as(order.raw().body()).isEqualTo(201);
        assertThat(order.data().path("status").asText()).isEqualTo("reserved");
        assertThat(waited).as("the answer waited out its bound").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(expiredWaits()).as("answers sent ahead of the read models").isGreaterThanOrEqualTo(before + 1);

        READ_MODELS.forEach(name -> processor(name).start());
        eventually(Duration.ofSeconds(30), () -> assertThat(api.get("/api/v1/timedeals/" + dealId, null).data()
                .path("reserved_quantity").asInt()).isEqualTo(2));
    }

    private double expiredWaits() {
        String metric = "timedeal_consistency_waits_expired_total";
        OptionalDouble expired = PromQl.sample(PromQl.scrape(managementPort), metric, "wait=\"read-models\"");
        assertThat(expired).as(metric + "{wait=\"read-models\"}").isPresent();
        return expired.getAsDouble();
    }

    /** Both read models stop now and start again in 300 ms, well within the answer's wait (2 s). */
    private void standStillForAMoment() {
        READ_MODELS.forEach(name -> processor(name).shutDown());
        restarter.schedule(() -> READ_MODELS.forEach(name -> processor(name).start()), 300, TimeUnit.MILLISECONDS);
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }
}
