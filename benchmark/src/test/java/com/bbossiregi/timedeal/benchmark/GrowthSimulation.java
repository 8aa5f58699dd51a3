package com.bbossiregi.timedeal.benchmark;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The growth check: does a deal with a long history answer orders as fast as a new one? The same load as
 * {@link HotDealSimulation} ({@code -Dclients} closed-model shoppers ordering quantity 1, every answer must be 201),
 * with two additions:
 *
 * <ul>
 *   <li>{@code -DtimeDealId=<id>} orders on that existing deal instead of creating one (the grown deal);</li>
 *   <li>{@code -DtargetEvents=<n>} grows the deal: the clients order until the deal's event stream holds at least
 *       {@code n} events, then every client stops; {@code -Dduration} is then only the most the growing may take.</li>
 * </ul>
 *
 * <p>Without {@code -DtargetEvents} it is a measured run, and before its load starts it sends one order alone and
 * times it from the harness ({@code first_order}): on a grown deal that has not been loaded since the application
 * started, that answer includes loading the deal from its latest snapshot and the events after it (the cold load),
 * which the load's own percentiles would hide among thousands of answers. The probe's order counts in the stock check.
 *
 * <p>The deal's event count comes from {@code GET /api/v1/admin/timedeals/{id}/events?per_page=1} (the page meta's
 * {@code total} is the stream's last sequence number + 1); neither that call nor the deal's detail loads the aggregate,
 * so a cold deal stays cold until the probe. The summary is {@code GrowthSimulation-<clients>-<run>.json}.
 */
public class GrowthSimulation extends BenchSimulation {

    static final String ORDER = HotDealSimulation.ORDER;

    private final boolean growing = config.targetEvents > 0;

    private volatile long targetOrders;
    private volatile String adminToken;
    private volatile long eventsBefore = -1;
    private volatile long heldBefore;
    private volatile int probeStatus = -1;
    private volatile double probeMs = -1;
    private volatile String probeError = "";

    public GrowthSimulation() {
        super(Map.of(ORDER, Set.of("201")));
        recorder.keepWindows(10);
        ChainBuilder order = measured(ORDER, orderRequest(ORDER, 1), status().is(201));
        if (growing) {
            // Every client loops until the deal has enough orders (exitASAP=false: an iteration under way finishes and
            // is recorded), then stops; the ones still in flight overshoot the target by at most one order each.
            ScenarioBuilder grow = scenario("grow a deal")
                    .feed(tokens)
                    .asLongAs(session -> recorder.count("201") < targetOrders, false).on(order);
            setUp(grow.injectOpen(atOnceUsers(config.clients)))
                    .protocols(protocol())
                    .maxDuration(config.duration);
        } else {
            ScenarioBuilder load = scenario("orders on one deal")
                    .feed(tokens)
                    .during(config.duration, false).on(order);
            setUp(load.injectClosed(constantConcurrentUsers(config.clients).during(config.duration)))
                    .protocols(protocol())
                    .maxDuration(config.duration.plus(Duration.ofSeconds(90)));
        }
    }

    @Override
    public void before() {
        adminToken = api.adminToken();
        if (config.timeDealId > 0) {
            dealId = config.timeDealId;
            System.out.printf("[bench] reusing deal %d%n", dealId);
        } else {
            dealId = api.createActiveDeal(adminToken, HotDealSimulation.STOCK);
            System.out.printf("[bench] deal %d created with stock %d%n", dealId, HotDealSimulation.STOCK);
        }
        JsonNode deal = api.deal(dealId);
        heldBefore = deal.path("reserved_quantity").asLong() + deal.path("sold_quantity").asLong();
        eventsBefore = eventCount();
        List<String> shopperTokens = Shoppers.tokens(api, config, config.clients);
        tokens.fill(shopperTokens);
        if (growing) {
            targetOrders = Math.max(0, config.targetEvents - eventsBefore);
            System.out.printf("[bench] deal %d has %d events: %d orders to reach %d%n", dealId, eventsBefore, targetOrders,
                    config.targetEvents);
        } else {
            probe(shopperTokens.get(0));
        }
        // The projection lag and the deal's snapshots over the load, from the application's meters.
        projectionLag.start();
        cpu.start();
    }

    /** One order alone, timed from here: the first answer this deal gives in this run. */
    private void probe(String token) {
        long started = System.nanoTime();
        try {
            Api.Response response = api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", 1), token);
            probeMs = Recorder.round((System.nanoTime() - started) / 1e6);
            probeStatus = response.status();
            probeError = response.errorCode();
        } catch (RuntimeException e) {
            probeMs = Recorder.round((System.nanoTime() - started) / 1e6);
            probeError = e.toString();
        }
        System.out.printf("[bench] first order on deal %d: %d %s in %.1f ms%n", dealId, probeStatus, probeError, probeMs);
    }

    /** The number of events in the deal's stream, or -1 when the admin endpoint does not say. */
    private long eventCount() {
        Api.Response response = api.get("/api/v1/admin/timedeals/" + dealId + "/events?per_page=1", adminToken);
        if (response.status() != 200) {
            System.out.println("[bench] event count of deal " + dealId + ": " + response.status() + " " + response.body());
            return -1;
        }
        return response.body().path("meta").path("total").asLong(-1);
    }

    @Override
    public void after() {
        ObjectNode summary = summary("GrowthSimulation");
        long orders = recorder.count("201");
        summary.put("mode", growing ? "grow" : "load");
        summary.put("reused_deal", config.timeDealId > 0);
        summary.put("orders", orders);
        summary.put("orders_per_s", recorder.perSecond(orders));
        if (growing) {
            summary.put("target_events", config.targetEvents);
            summary.put("target_orders", targetOrders);
        } else {
            ObjectNode first = summary.putObject("first_order");
            first.put("ms", probeMs);
            first.put("status", probeStatus);
            first.put("error", probeError);
        }
        JsonNode deal = settledDeal();
        putDeal(summary, deal);
        long probeHeld = probeStatus == 201 ? 1 : 0;
        long held = deal.path("reserved_quantity").asLong() + deal.path("sold_quantity").asLong();
        summary.put("held_before", heldBefore);
        summary.put("stock_matches_answers", held - heldBefore == orders + probeHeld);
        long eventsAfter = eventCount();
        summary.put("events_before", eventsBefore);
        summary.put("events_after", eventsAfter);
        if (growing) {
            summary.put("target_reached", eventsAfter >= config.targetEvents);
        }
        Recorder.write(summary, config, "GrowthSimulation");
    }
}
