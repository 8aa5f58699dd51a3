package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The deal listing counts each stock event once, however often it is handed one. Its processor is set back over
 * stock events it has written, with new ones after them that it has not: handled again in one batch, the old ones
 * change nothing and the new ones count, whether the batch writes its stock changes together or one by one.
 */
class ListingRedeliveryIT extends SharedApplicationTest {

    private static final String LISTING = "deal-listing";

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    TokenStore tokenStore;

    @Autowired
    EventStore eventStore;

    @Autowired
    TransactionManager transactionManager;

    @AfterEach
    void listingRunsAgain() {
        listing().start();
    }

    @Test
    void stockEventsHandedAgainAmongNewOnesCountOnce() {
        String admin = api.admin().token();
        long dealId = api.activeDeal(admin, 2, 9000, 10);
        Api.Session shopper = api.newShopper();
        long before = eventStore.createHeadToken().position().orElseThrow();

        String paid = place(dealId, 1, shopper);
        String canceled = place(dealId, 2, shopper);
        assertThat(api.post("/api/v1/orders/" + paid + "/payment", Map.of(), shopper.token()).status()).isEqualTo(200);
        assertStock(dealId, 2, 1);

        // Stopped, the listing misses an order and a cancel (each answer waits out its bound for it).
        listing().shutDown();
        place(dealId, 1, shopper);
        assertThat(api.delete("/api/v1/orders/" + canceled, shopper.token()).status()).isEqualTo(200);
        setBackTo(before);
        listing().start();

        eventually(Duration.ofSeconds(20), () -> assertStock(dealId, 1, 1));
    }

    private void assertStock(long dealId, int reserved, int sold) {
        JsonNode deal = api.get("/api/v1/timedeals/" + dealId, null).data();
        assertThat(deal.path("reserved_quantity").asInt()).as(deal.toString()).isEqualTo(reserved);
        assertThat(deal.path("sold_quantity").asInt()).as(deal.toString()).isEqualTo(sold);
        assertThat(deal.path("available_quantity").asInt()).as(deal.toString()).isEqualTo(10 - reserved - sold);
    }

    /** Every segment of the stopped listing goes back to having handled the events up to {@code position} only. */
    private void setBackTo(long position) {
        transactionManager.executeInTransaction(() -> {
            for (int segment : tokenStore.fetchSegments(LISTING)) {
                tokenStore.fetchToken(LISTING, segment);
                tokenStore.storeToken(GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet()),
                        LISTING, segment);
                tokenStore.releaseClaim(LISTING, segment);
            }
        });
    }

    private String place(long dealId, int quantity, Api.Session shopper) {
        Api.Response order = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", quantity),
                shopper.token());
        assertThat(order.status()).as(order.raw().body()).isEqualTo(201);
        return order.data().path("id").asText();
    }

    private StreamingEventProcessor listing() {
        return processing.eventProcessor(LISTING, StreamingEventProcessor.class).orElseThrow();
    }
}
