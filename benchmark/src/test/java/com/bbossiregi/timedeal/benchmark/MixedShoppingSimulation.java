package com.bbossiregi.timedeal.benchmark;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A shopper's session on repeat, {@code -Dclients} closed-model shoppers for {@code -Dduration} seconds: browse the
 * active listing, open the deal, order one, then pay (about half of the orders), cancel (about a quarter) or leave
 * it reserved (the rest). No think time: it measures the mix at saturation.
 */
public class MixedShoppingSimulation extends BenchSimulation {

    static final String LIST = "list deals";
    static final String DETAIL = "deal detail";
    static final String ORDER = "place order";
    static final String PAY = "pay";
    static final String CANCEL = "cancel";
    static final int STOCK = 1_000_000_000;

    public MixedShoppingSimulation() {
        super(Map.of(LIST, Set.of("200"), DETAIL, Set.of("200"), ORDER, Set.of("201"), PAY, Set.of("200"),
                CANCEL, Set.of("200")));
        ChainBuilder pay = measured(PAY, http(PAY).post("/api/v1/orders/#{orderId}/payment")
                .header("Authorization", "Bearer #{token}")
                .body(StringBody("{\"method\":\"card\"}")), status().is(200));
        ChainBuilder cancel = measured(CANCEL, http(CANCEL).delete("/api/v1/orders/#{orderId}")
                .header("Authorization", "Bearer #{token}"), status().is(200));
        ScenarioBuilder shopping = scenario("mixed shopping")
                .feed(tokens)
                .during(config.duration, false).on(
                        measured(LIST, http(LIST).get("/api/v1/timedeals?status=active&page=1&per_page=20"), status().is(200))
                                .exec(measured(DETAIL, http(DETAIL).get(session -> "/api/v1/timedeals/" + dealId), status().is(200)))
                                .exec(session -> session.remove("orderId"))
                                .exec(measured(ORDER, orderRequest(ORDER, 1)
                                        .check(jsonPath("$.data.id").optional().saveAs("orderId")), status().is(201)))
                                .doIf(session -> session.contains("orderId")).then(
                                        randomSwitch().on(percent(50.0).then(pay), percent(25.0).then(cancel))));
        setUp(shopping.injectClosed(constantConcurrentUsers(config.clients).during(config.duration)))
                .protocols(protocol())
                .maxDuration(config.duration.plus(Duration.ofSeconds(90)));
    }

    @Override
    public void before() {
        prepare(STOCK, config.clients);
    }

    @Override
    public void after() {
        ObjectNode summary = summary("MixedShoppingSimulation");
        long orders = recorder.stats(ORDER).count("201");
        long paid = recorder.stats(PAY).count("200");
        long canceled = recorder.stats(CANCEL).count("200");
        summary.put("orders", orders);
        summary.put("paid", paid);
        summary.put("canceled", canceled);
        summary.put("orders_per_s", recorder.perSecond(orders));
        summary.put("requests_per_s", recorder.perSecond(recorder.total()));
        JsonNode deal = settledDeal();
        putDeal(summary, deal);
        summary.put("stock_matches_answers", deal.path("sold_quantity").asLong() == paid
                && deal.path("reserved_quantity").asLong() == orders - paid - canceled);
        Recorder.write(summary, config, "MixedShoppingSimulation");
    }
}
