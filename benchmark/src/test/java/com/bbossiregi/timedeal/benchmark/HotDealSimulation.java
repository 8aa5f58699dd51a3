package com.bbossiregi.timedeal.benchmark;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The hot deal: {@code -Dclients} closed-model shoppers (each waits for its answer, then orders again) ordering
 * quantity 1 on one deal whose stock never runs out, for {@code -Dduration} seconds. Every answer must be 201.
 */
public class HotDealSimulation extends BenchSimulation {

    static final String ORDER = "place order";
    /** Never runs out: a billion is far beyond what any run can reserve. */
    static final int STOCK = 1_000_000_000;

    public HotDealSimulation() {
        super(Map.of(ORDER, Set.of("201")));
        recorder.keepWindows(10);
        ScenarioBuilder hotDeal = scenario("hot deal")
                .feed(tokens)
                // exitASAP=false: the loop only ends between iterations, so every answer is recorded.
                .during(config.duration, false).on(
                        measured(ORDER, orderRequest(ORDER, 1), status().is(201)));
        setUp(hotDeal.injectClosed(constantConcurrentUsers(config.clients).during(config.duration)))
                .protocols(protocol())
                .maxDuration(config.duration.plus(Duration.ofSeconds(90)));
    }

    @Override
    public void before() {
        prepare(STOCK, config.clients);
    }

    @Override
    public void after() {
        ObjectNode summary = summary("HotDealSimulation");
        long orders = recorder.count("201");
        summary.put("orders", orders);
        summary.put("orders_per_s", recorder.perSecond(orders));
        JsonNode deal = settledDeal();
        putDeal(summary, deal);
        long held = deal.path("reserved_quantity").asLong() + deal.path("sold_quantity").asLong();
        summary.put("stock_matches_answers", held == orders);
        Recorder.write(summary, config, "HotDealSimulation");
    }
}
