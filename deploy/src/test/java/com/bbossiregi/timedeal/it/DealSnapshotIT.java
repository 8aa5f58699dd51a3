package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.common.StreamIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A deal loaded cold (after a restart) from its snapshot: the snapshot holds the open reservations in the compact
 * form, and a snapshot stored by an earlier version, in the old shape, is passed over rather than misread. Snapshots
 * are stored without PostgreSQL's compression attempt, which a large deal's snapshot fails at a cost.
 */
class DealSnapshotIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestDatabase.Settings database = TestDatabase.create("timedeal_snapshots");

    @Test
    void aDealComesBackFromItsSnapshotAndAnOldShapedSnapshotIsRebuiltFromEvents() throws Exception {
        long dealId;
        String streamId;
        Api.Session first;
        Api.Session second;
        String firstOrder;
        String secondOrder;
        // A snapshot considered every two events, but spaced so widely by its size that only the first is taken: the
        // orders after it come back from their events.
        try (ConfigurableApplicationContext node = start("--timedeal.snapshots.time-deal-every-events=2",
                "--timedeal.snapshots.time-deal-spacing-bytes-per-event=1")) {
            Api api = StandaloneApplication.api(node);
            dealId = api.activeDeal(api.admin().token(), 3, 9000, 20);
            streamId = StreamIds.timeDeal(dealId);
            first = api.newShopper();
            second = api.newShopper();
            firstOrder = order(api, dealId, 3, first);
            secondOrder = order(api, dealId, 2, second);
            order(api, dealId, 1, second);
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            ApiTestBase.eventually(Duration.ofSeconds(20), () -> assertThat(snapshotRevisions(jdbc, streamId))
                    .as("a snapshot of the deal in the current shape").contains("4"));
            // Out of line when large, and never put through a compression attempt (V5 of the event store's schema).
            assertThat(jdbc.queryForObject("""
                    SELECT attstorage FROM pg_attribute
                    WHERE attrelid = 'snapshot_event_entry'::regclass AND attname = 'payload'""", String.class))
                    .as("storage of snapshot_event_entry.payload").isEqualTo("e");
        }

        try (ConfigurableApplicationContext node = start()) {
            Api api = StandaloneApplication.api(node);
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            JsonNode snapshot = latestSnapshot(jdbc, streamId);
            assertThat(snapshot.path("reservations").isTextual()).as("open reservations stored compactly").isTrue();
            assertThat(snapshot.has("reservedQuantityByOrder")).isFalse();

            // Loaded from that snapshot and the events after it, the deal still knows the first order's three units and
            // gives them back.
            assertThat(api.delete("/api/v1/orders/" + firstOrder, first.token()).status()).isEqualTo(200);
            ApiTestBase.eventually(Duration.ofSeconds(10), () -> assertThat(available(api, dealId)).isEqualTo(17));

            // An earlier version's snapshot of the same deal: the old field names, and a status that would refuse
            // every order if it were believed.
            ObjectNode old = snapshot.deepCopy();
            old.remove(List.of("reservations", "sales"));
            old.putObject("reservedQuantityByOrder");
            old.putObject("soldQuantityByOrder");
            old.putObject("shopperByOrder");
            old.put("status", "ENDED");
            old.put("reservedQuantity", 0);
            jdbc.update("UPDATE snapshot_event_entry SET payload = ?, payload_revision = NULL WHERE aggregate_identifier = ?",
                    JSON.writeValueAsBytes(old), streamId);
        }

        try (ConfigurableApplicationContext node = start()) {
            Api api = StandaloneApplication.api(node);
            // Rebuilt from its events: still active, still holding the second shopper's reservations.
            assertThat(api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 4), first.token()).status())
                    .isEqualTo(201);
            assertThat(api.delete("/api/v1/orders/" + secondOrder, second.token()).status()).isEqualTo(200);
            ApiTestBase.eventually(Duration.ofSeconds(10), () -> assertThat(available(api, dealId)).isEqualTo(15));
            assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("reserved_quantity").asInt()).isEqualTo(5);
        }
    }

    private ConfigurableApplicationContext start(String... settings) {
        return StandaloneApplication.start(database, settings);
    }

    private static String order(Api api, long dealId, int quantity, Api.Session shopper) {
        Api.Response placed = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", quantity), shopper.token());
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        return placed.data().path("id").asText();
    }

    private static int available(Api api, long dealId) {
        return api.get("/api/v1/timedeals/" + dealId, null).data().path("available_quantity").asInt();
    }

    private static List<String> snapshotRevisions(JdbcTemplate jdbc, String streamId) {
        return jdbc.queryForList("SELECT coalesce(payload_revision, 'none') FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                String.class, streamId);
    }

    private static JsonNode latestSnapshot(JdbcTemplate jdbc, String streamId) throws Exception {
        byte[] payload = jdbc.queryForObject("""
                SELECT payload FROM snapshot_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number DESC LIMIT 1""", byte[].class, streamId);
        return JSON.readTree(payload);
    }
}
