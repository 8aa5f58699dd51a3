package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A reservation that is not paid within the hold (two seconds here) is canceled by the system. */
class ReservationHoldIT extends ApiTestBase {

    private static final TestDatabase.Settings DATABASE = TestDatabase.create("timedeal_hold");
    private static final Duration HOLD = Duration.ofSeconds(2);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeadlineManager deadlineManager;

    @DynamicPropertySource
    static void shortHold(DynamicPropertyRegistry registry) {
        configure(registry, DATABASE);
        registry.add("timedeal.orders.reservation-hold", HOLD::toString);
        // PostgreSQL plans a statement a session prepared once for every parameter after a few runs; a node reaches
        // that within minutes, the test from the start (lookingForDueDeadlinesDoesNotReadEveryPendingHold).
        registry.add("spring.datasource.hikari.connection-init-sql", () -> "SET plan_cache_mode = force_generic_plan");
    }

    private long newActiveDeal() {
        return api.activeDeal(api.admin().token(), 5, 30000, 20);
    }

    @Test
    void deadlinesAreKeptInTheDatabaseNotInMemory() {
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", newActiveDeal()), shopper.token())
                .data().path("id").asText();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Long.class)).isPositive();
        api.delete("/api/v1/orders/" + orderId, shopper.token());
    }

    @Test
    void anUnpaidReservationExpiresAndItsStockComesBack() {
        long dealId = newActiveDeal();
        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 4), shopper.token())
                .data().path("id").asText();
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("available_quantity").asInt()).isEqualTo(16);

        eventually(Duration.ofSeconds(15), () -> assertThat(
                api.get("/api/v1/orders/" + orderId, shopper.token()).data().path("status").asText()).isEqualTo("canceled"));
        eventually(Duration.ofSeconds(5), () -> assertThat(
                api.get("/api/v1/timedeals/" + dealId, null).data().path("available_quantity").asInt()).isEqualTo(20));

        Map<String, Object> canceled = jdbc.queryForMap("""
                SELECT convert_from(payload, 'UTF8') AS payload, convert_from(meta_data, 'UTF8') AS meta
                FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%OrderCanceledEvent'""",
                orderId);
        assertThat(canceled.get("payload").toString()).contains("RESERVATION_EXPIRED");
        assertThat(canceled.get("meta").toString()).contains("\"actorType\":\"SYSTEM\"");
    }

    @Test
    void payingBeforeTheHoldEndsKeepsTheOrder() throws InterruptedException {
        long dealId = newActiveDeal();
        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", dealId), shopper.token()).data().path("id").asText();
        assertThat(api.post("/api/v1/orders/" + orderId + "/payment", Map.of(), shopper.token()).status()).isEqualTo(200);

        Thread.sleep(HOLD.plusSeconds(2).toMillis());
        assertThat(api.get("/api/v1/orders/" + orderId, shopper.token()).data().path("status").asText())
                .isEqualTo("confirmed");
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("sold_quantity").asInt()).isEqualTo(1);
    }

    @Test
    void cancelingBeforeTheHoldEndsCancelsTheHold() throws InterruptedException {
        long dealId = newActiveDeal();
        Api.Session shopper = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", dealId), shopper.token()).data().path("id").asText();
        assertThat(api.delete("/api/v1/orders/" + orderId, shopper.token()).status()).isEqualTo(200);

        Thread.sleep(HOLD.plusSeconds(2).toMillis());
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%OrderCanceledEvent'""", Long.class, orderId))
                .isEqualTo(1);
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("available_quantity").asInt()).isEqualTo(20);
    }

    /**
     * Every open reservation is a pending deadline, and the scheduler looks for due ones every quarter of a second: a
     * look must read the due rows, not every pending hold (with priorities on, PostgreSQL's plan for the prepared poll
     * walked a whole index each time). Counted in blocks a scan, from PostgreSQL's own statistics of the table and its
     * indexes, over the running scheduler's polls with 100 000 holds pending hours ahead and the table analyzed, as
     * autovacuum would.
     */
    @Test
    void lookingForDueDeadlinesDoesNotReadEveryPendingHold() {
        long inserted = scansAndBlocks()[2];
        // One statement, so that one session's statistics hold the insert's and the analysis's reads.
        jdbc.execute("""
                INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                SELECT 'pending-hold-test', 'hold-' || n, now() + interval '3 hours', false, 1, 0
                FROM generate_series(1, 100000) AS n;
                ANALYZE scheduled_tasks""");
        try {
            // A session publishes what it counted about once a second: the insert's reads must be counted before
            // the window opens, not inside it.
            long[] before = eventually(Duration.ofSeconds(30), () -> {
                long[] now = scansAndBlocks();
                assertThat(now[2]).isGreaterThanOrEqualTo(inserted + 100000);
                return now;
            });
            // The driver prepares a statement on the server at its fifth run on a connection: every pooled
            // connection the scheduler polls through must have got there before the window counts.
            long[] prepared = eventually(Duration.ofSeconds(60), () -> {
                long[] now = scansAndBlocks();
                assertThat(now[0] - before[0]).as("scans of scheduled_tasks counted so far").isGreaterThanOrEqualTo(60);
                return now;
            });
            long[] during = eventually(Duration.ofSeconds(60), () -> {
                long[] now = scansAndBlocks();
                assertThat(now[0] - prepared[0]).as("scans of scheduled_tasks counted so far").isGreaterThanOrEqualTo(40);
                return now;
            });
            double blocksPerScan = (double) (during[1] - prepared[1]) / (during[0] - prepared[0]);
            // A look that finds nothing due reads two index blocks; the walk of the priority index (the plan before
            // V4) read 34 a scan with 40 000 holds, and grows with them.
            assertThat(blocksPerScan).as("blocks read a scan of scheduled_tasks").isLessThan(10);
        } finally {
            jdbc.update("DELETE FROM scheduled_tasks WHERE task_name = 'pending-hold-test'");
        }
    }

    /** Scans of scheduled_tasks, blocks read of it and its indexes, and rows inserted, as PostgreSQL counted them. */
    private long[] scansAndBlocks() {
        return jdbc.queryForObject("""
                SELECT s.seq_scan + coalesce(s.idx_scan, 0),
                       io.heap_blks_hit + io.heap_blks_read + coalesce(io.idx_blks_hit + io.idx_blks_read, 0),
                       s.n_tup_ins
                FROM pg_stat_user_tables s JOIN pg_statio_user_tables io USING (relid)
                WHERE s.relname = 'scheduled_tasks'""",
                (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
    }
}
