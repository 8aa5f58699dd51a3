package com.bbossiregi.timedeal.benchmark;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.Map;
import java.util.Set;

/**
 * The flash sale's burst without the sale: the same {@code -Dshoppers} signed-in shoppers arrive within one second on
 * a deal of {@code -Dstock}, each with a new connection and an order of quantity 11, which the order endpoint refuses
 * (400 INVALID_QUANTITY) before any command is sent. So each request costs what every order request costs before the
 * domain (the connection, Tomcat, Spring Security with the shopper's token, Spring MVC reading and validating the JSON
 * body, the error envelope) and nothing after it: set against a flash sale of the same size in the same minutes, it
 * splits the sale's latency into the request's shell and the order itself. Not a target; a reference.
 * Every request must be answered 400 INVALID_QUANTITY, and the deal must keep all its stock.
 */
public class RequestShellSimulation extends BenchSimulation {

    static final String ORDER = "place order, refused at the edge";
    static final String REFUSED = "400 INVALID_QUANTITY";

    public RequestShellSimulation() {
        super(Map.of(ORDER, Set.of(REFUSED)));
        recorder.keepTimeline();
        ScenarioBuilder burst = scenario("request shell")
                .feed(tokens)
                .exec(measured(ORDER, orderRequest(ORDER, 11), status().is(400)));
        setUpBurst(burst);
    }

    @Override
    public void before() {
        prepare(config.stock, config.shoppers);
    }

    @Override
    public void after() {
        ObjectNode summary = burstSummary("RequestShellSimulation");
        long refused = recorder.count(REFUSED);
        summary.put("invalid_quantity_400", refused);
        summary.put("other_answers", recorder.total() - refused);
        JsonNode deal = settledDeal();
        putDeal(summary, deal);
        // Refused at the edge: nothing may have reached the deal.
        summary.put("exact", refused == config.shoppers
                && deal.path("available_quantity").asLong() == config.stock
                && deal.path("reserved_quantity").asLong() == 0);
        Recorder.write(summary, config, "RequestShellSimulation");
    }
}
