package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Live stock across nodes: two applications on one database, each with its own port. Commands go to the first one
 * started (it owns the processors and the saga); clients listen on the second one, whose only source of the first
 * one's changes is the shared event store.
 */
class LiveStockIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ConfigurableApplicationContext commands;
    private static ConfigurableApplicationContext listener;
    private static Api commandApi;
    private static int listenerPort;

    @BeforeAll
    static void startTwoNodes() {
        TestDatabase.Settings database = TestDatabase.create("timedeal_live");
        commands = StandaloneApplication.start(database, "--timedeal.orders.outcome-wait=30s",
                "--timedeal.payment.simulator.latency=10ms");
        // A query node: it serves queries and live streams only, and runs no command handler.
        listener = StandaloneApplication.start(database, "--timedeal.role=query", "--timedeal.live.max-subscribers=4",
                "--timedeal.live.max-subscribers-per-address=3", "--server.forward-headers-strategy=native",
                "--timedeal.live.heartbeat=1s");
        commandApi = StandaloneApplication.api(commands);
        listenerPort = StandaloneApplication.api(listener).port();
    }

    @AfterAll
    static void stop() {
        if (listener != null) {
            listener.close();
        }
        if (commands != null) {
            commands.close();
        }
    }

    @Test
    void aListenerOnOneNodeSeesEveryChangeMadeThroughTheOtherInOrderAndResumesWithoutAGap() {
        String shopper = commandApi.newShopper().token();
        String lastId;
        int available;
        try (SseClient stream = stream("/api/v1/timedeals/1/live", null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            SseClient.Event first = stream.next(WAIT);
            assertThat(first.name()).isEqualTo("snapshot");
            assertThat(first.id()).isEqualTo(Long.toString(first.sequence()));
            available = first.data().path("available_quantity").asInt();
            int reserved = first.data().path("reserved_quantity").asInt();
            int sold = first.data().path("sold_quantity").asInt();
            assertThat(first.data().path("status").asText()).isEqualTo("active");
            stamped(first);

            Instant beforeOrders = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String kept = order(shopper, 2);
            String canceled = order(shopper, 3);
            assertThat(commandApi.delete("/api/v1/orders/" + canceled, shopper).status()).isEqualTo(200);
            assertThat(commandApi.post("/api/v1/orders/" + kept + "/payment", Map.of("method", "card"), shopper)
                    .status()).isEqualTo(200);

            List<SseClient.Event> changes = stream.take(4, WAIT, event -> false);
            assertThat(changes).extracting(SseClient.Event::name).containsOnly("change");
            assertThat(changes).extracting(e -> e.data().path("reserved_quantity").asInt())
                    .containsExactly(reserved + 2, reserved + 5, reserved + 2, reserved);
            assertThat(changes).extracting(e -> e.data().path("available_quantity").asInt())
                    .containsExactly(available - 2, available - 5, available - 2, available - 2);
            assertThat(changes).extracting(e -> e.data().path("sold_quantity").asInt())
                    .containsExactly(sold, sold, sold, sold + 2);
            assertThat(changes).extracting(SseClient.Event::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(changes).allSatisfy(e -> assertThat(e.id()).isEqualTo(Long.toString(e.sequence())));
            assertThat(changes).allSatisfy(e -> assertThat(stamped(e)).as("changed_at of a change made just now")
                    .isAfterOrEqualTo(beforeOrders));
            lastId = changes.get(3).id();
            available -= 2;
        }

        // While the client is away: two changes. Reconnecting with the last id it saw replays exactly those.
        String missed = order(shopper, 1);
        assertThat(commandApi.delete("/api/v1/orders/" + missed, shopper).status()).isEqualTo(200);
        waitUntilAvailable(available);
        listenerHasSeen(1, Long.parseLong(lastId) + 2);
        try (SseClient stream = stream("/api/v1/timedeals/1/live", lastId)) {
            List<SseClient.Event> replayed = stream.take(2, WAIT, event -> false);
            assertThat(replayed).extracting(SseClient.Event::name).containsOnly("change");
            assertThat(replayed).extracting(e -> e.data().path("available_quantity").asInt())
                    .containsExactly(available - 1, available);
            assertThat(Long.parseLong(replayed.get(0).id())).isGreaterThan(Long.parseLong(lastId));
            replayed.forEach(LiveStockIT::stamped);

            // ...and then goes on live.
            String after = order(shopper, 4);
            SseClient.Event live = stream.next(WAIT);
            assertThat(live.data().path("available_quantity").asInt()).isEqualTo(available - 4);
            assertThat(stamped(live)).isAfterOrEqualTo(stamped(replayed.get(1)));
            assertThat(live.sequence()).isGreaterThan(replayed.get(1).sequence());
            assertThat(commandApi.delete("/api/v1/orders/" + after, shopper).status()).isEqualTo(200);
            assertThat(stream.next(WAIT).data().path("available_quantity").asInt()).isEqualTo(available);
        }
    }

    @Test
    void theAllDealsStreamStartsWithEveryLiveDealAndCarriesChangesAndHeartbeats() {
        String shopper = commandApi.newShopper().token();
        try (SseClient stream = stream("/api/v1/timedeals/live", null)) {
            assertThat(stream.status()).isEqualTo(200);
            List<Long> live = new java.util.ArrayList<>();
            commandApi.get("/api/v1/timedeals?per_page=100", null).data().forEach(deal -> {
                if (List.of("scheduled", "active", "soldout").contains(deal.path("status").asText())) {
                    live.add(deal.path("id").asLong());
                }
            });
            assertThat(live).contains(1L, 2L);
            List<SseClient.Event> snapshot = stream.take(live.size(), WAIT, event -> false);
            assertThat(snapshot).extracting(SseClient.Event::name).containsOnly("snapshot");
            assertThat(snapshot).extracting(e -> e.data().path("time_deal_id").asLong())
                    .containsExactlyInAnyOrderElementsOf(live);
            snapshot.forEach(LiveStockIT::stamped);
            String order = order(shopper, 1);
            SseClient.Event change = stream.take(1, WAIT, event -> event.data().path("time_deal_id").asLong() != 1)
                    .get(0);
            assertThat(change.name()).isEqualTo("change");
            stamped(change);
            assertThat(Long.parseLong(change.id())).isGreaterThanOrEqualTo(Long.parseLong(snapshot.get(0).id()));
            assertThat(commandApi.delete("/api/v1/orders/" + order, shopper).status()).isEqualTo(200);
            stream.take(1, WAIT, event -> event.data().path("time_deal_id").asLong() != 1);
            ApiTestBase.eventually(WAIT, () -> assertThat(stream.comments()).isPositive());
        }
    }

    @Test
    void aReconnectToTheAllDealsStreamIsSentOnlyTheDealsThatChangedMeanwhile() {
        String shopper = commandApi.newShopper().token();
        String lastId;
        try (SseClient stream = stream("/api/v1/timedeals/live", null)) {
            lastId = stream.next(WAIT).id();
        }
        String order = order(shopper, 2);
        int afterOrder = commandApi.get("/api/v1/timedeals/1", null).data().path("available_quantity").asInt();
        try (SseClient stream = stream("/api/v1/timedeals/live", lastId)) {
            // A deal that changed at the last id itself is sent again too (ids are not unique across a gap in the
            // store's positions): at least once, and the client keeps the state with the highest sequence.
            SseClient.Event missed = stream.next(WAIT);
            while (missed.data().path("available_quantity").asInt() != afterOrder) {
                assertThat(missed.data().path("time_deal_id").asLong()).isEqualTo(1);
                missed = stream.next(WAIT);
            }
            assertThat(missed.data().path("time_deal_id").asLong()).isEqualTo(1);
            // No other deal changed, so none is sent again: the next event is the next change itself.
            assertThat(commandApi.delete("/api/v1/orders/" + order, shopper).status()).isEqualTo(200);
            SseClient.Event next = stream.next(WAIT);
            assertThat(next.name()).isEqualTo("change");
            assertThat(next.data().path("time_deal_id").asLong()).isEqualTo(1);
            assertThat(next.data().path("available_quantity").asInt()).isEqualTo(afterOrder + 2);
        }
    }

    @Test
    void aDealsStreamEndsWhenTheDealIsCanceled() {
        String admin = commandApi.admin().token();
        java.time.Instant start = java.time.Instant.now().plus(Duration.ofDays(2));
        Api.Response created = commandApi.post("/api/v1/admin/timedeals", Map.of("product_id", 5, "deal_price", 30000,
                "stock_quantity", 10, "start_at", start.toString(), "end_at", start.plus(Duration.ofHours(1)).toString()),
                admin);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        long deal = created.data().path("id").asLong();
        try (SseClient stream = stream("/api/v1/timedeals/" + deal + "/live", null)) {
            assertThat(stream.next(WAIT).data().path("status").asText()).isEqualTo("scheduled");
            // A scheduled deal's new terms reach the stream too.
            assertThat(commandApi.patch("/api/v1/admin/timedeals/" + deal, Map.of("stock_quantity", 12), admin)
                    .status()).isEqualTo(200);
            SseClient.Event changed = stream.next(WAIT);
            assertThat(changed.data().path("stock_quantity").asInt()).isEqualTo(12);
            assertThat(changed.data().path("available_quantity").asInt()).isEqualTo(12);
            stamped(changed);
            assertThat(commandApi.delete("/api/v1/admin/timedeals/" + deal, admin).status()).isEqualTo(200);
            assertThat(stream.next(WAIT).data().path("status").asText()).isEqualTo("canceled");
            assertThat(stream.next(WAIT)).as("the stream ended").isNull();
        }
        try (SseClient again = stream("/api/v1/timedeals/" + deal + "/live", null)) {
            assertThat(again.next(WAIT).data().path("status").asText()).isEqualTo("canceled");
            assertThat(again.next(WAIT)).isNull();
        }
    }

    @Test
    void errorsBeforeTheStreamAreTheJsonEnvelopeAndTheNodeBoundsItsStreamsInAllAndByAddress() {
        Api listenerApi = new Api(listenerPort);
        Api.Response unknown = listenerApi.getAccepting("/api/v1/timedeals/999/live", "text/event-stream");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/json");
        assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(listenerApi.getAccepting("/api/v1/timedeals/abc/live", "text/event-stream").errorCode())
                .isEqualTo("BAD_REQUEST");

        // This node takes four streams at once, three from one client address (set for the test).
        List<SseClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(stream("/api/v1/timedeals/2/live", null));
            }
            Api.Response ownShare = listenerApi.getAccepting("/api/v1/timedeals/2/live", "text/event-stream");
            assertThat(ownShare.status()).isEqualTo(429);
            assertThat(ownShare.header("Content-Type")).startsWith("application/json");
            assertThat(ownShare.errorCode()).isEqualTo("RATE_LIMITED");
            assertThat(ownShare.header("Retry-After")).isEqualTo("1");
            assertThat(listenerApi.getAccepting("/api/v1/timedeals/live", "text/event-stream").errorCode())
                    .as("the all-deals stream counts too").isEqualTo("RATE_LIMITED");

            // Another client still gets the node's last place; with four open, one more is refused to anyone.
            open.add(stream("/api/v1/timedeals/2/live", null, "203.0.113.7"));
            Api.Response refused = listenerApi.getAcceptingFrom("/api/v1/timedeals/2/live", "text/event-stream",
                    "203.0.113.8");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Content-Type")).startsWith("application/json");
            assertThat(refused.json().path("success").asBoolean(true)).isFalse();
            assertThat(refused.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(refused.json().path("error").path("message").asText()).isNotBlank();

            // A client that hangs up gives its places back (found by the next heartbeat that cannot be written).
            open.remove(0).close();
            open.add(stream("/api/v1/timedeals/2/live", null));
        } finally {
            open.forEach(SseClient::close);
        }
    }

    /**
     * A stream on the listener, answered 200. Another test's streams may still hold places until the
     * node's next heartbeats find them closed, so a 503 or 429 is tried again.
     */
    private static SseClient stream(String path, String lastEventId) {
        return stream(path, lastEventId, null);
    }

    /** {@link #stream(String, String)} from {@code clientAddress} (forwarded), or from this machine when null. */
    private static SseClient stream(String path, String lastEventId, String clientAddress) {
        SseClient[] opened = new SseClient[1];
        ApiTestBase.eventually(WAIT, () -> {
            SseClient stream = SseClient.open(listenerPort, path, lastEventId, clientAddress);
            if (stream.status() != 200) {
                stream.close();
            }
            assertThat(stream.status()).isEqualTo(200);
            opened[0] = stream;
        });
        return opened[0];
    }

    /** The event's changed_at, which every frame carries and which is never after the frame was received. */
    private static Instant stamped(SseClient.Event event) {
        assertThat(event.changedAt()).as("changed_at of %s", event.data()).isNotNull()
                .isBeforeOrEqualTo(event.receivedAt());
        return event.changedAt();
    }

    private static String order(String token, int quantity) {
        Api.Response placed = commandApi.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", quantity), token);
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        return placed.data().path("id").asText();
    }

    /**
     * Until the listener node's reader has folded the deal's events up to this sequence, so that a reconnect from
     * before it is answered from the store, not by the reader catching up.
     */
    private static void listenerHasSeen(long timeDealId, long sequence) {
        ApiTestBase.eventually(WAIT, () -> {
            try (SseClient probe = stream("/api/v1/timedeals/" + timeDealId + "/live", null)) {
                assertThat(probe.next(WAIT).sequence()).isGreaterThanOrEqualTo(sequence);
            }
        });
    }

    private static void waitUntilAvailable(int available) {
        ApiTestBase.eventually(WAIT, () -> assertThat(commandApi.get("/api/v1/timedeals/1", null).data()
                .path("available_quantity").asInt()).isEqualTo(available));
    }
}
