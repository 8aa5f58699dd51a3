package com.bbossiregi.timedeal.benchmark;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.Map;
import java.util.Set;

/**
 * The flash sale: {@code -Dshoppers} (1000) distinct shoppers arrive within one second, each ordering quantity 1 on a
 * deal with {@code -Dstock} (100). Every request must be answered; exactly {@code stock} answers are 201 and the
 * rest 409 INSUFFICIENT_STOCK. The summary records p99, the time from the first request to the last answer and the
 * requests left unanswered; {@code <summary>-answers.csv} next to it holds every request's send and answer instant
 * and outcome (the report's answers-over-time plot).
 */
public class FlashSaleSimulation extends BenchSimulation {

    static final String ORDER = "place order";
    static final String SOLD_OUT = "409 INSUFFICIENT_STOCK";

    public FlashSaleSimulation() {
        super(Map.of(ORDER, Set.of("201", SOLD_OUT)));
        recorder.keepTimeline();
        ScenarioBuilder flashSale = scenario("flash sale")
                .feed(tokens)
                .exec(measured(ORDER, orderRequest(ORDER, 1), status().in(201, 409)));
        setUpBurst(flashSale);
    }

    @Override
    public void before() {
        prepare(config.stock, config.shoppers);
    }

    @Override
    public void after() {
        ObjectNode summary = burstSummary("FlashSaleSimulation");
        long held = recorder.count("201");
        long soldOut = recorder.count(SOLD_OUT);
        summary.put("held_201", held);
        summary.put("insufficient_stock_409", soldOut);
        summary.put("other_answers", recorder.total() - held - soldOut);
        summary.put("exact", held == config.stock && soldOut == config.shoppers - config.stock
                && recorder.total() == config.shoppers);
        JsonNode deal = settledDeal();
        putDeal(summary, deal);
        summary.put("stock_matches_answers", deal.path("reserved_quantity").asLong()
                + deal.path("sold_quantity").asLong() == held && deal.path("available_quantity").asLong() == config.stock - held);
        Recorder.write(summary, config, "FlashSaleSimulation");
    }
}
