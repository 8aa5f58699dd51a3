package com.bbossiregi.timedeal.benchmark;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** What every scenario shares: settings, the set-up client, the recorder and the measured-request chain. */
abstract class BenchSimulation extends Simulation {

    private static final String WARM_UP = "load generator warm-up";

    protected final BenchConfig config = new BenchConfig();
    protected final Api api = new Api(config.baseUrl);
    protected final Shoppers.Feeder tokens = new Shoppers.Feeder();
    protected final Recorder recorder;
    protected final CpuSampler cpu = new CpuSampler();
    protected final MemorySampler memory = new MemorySampler();
    protected final ProjectionLagProbe projectionLag = new ProjectionLagProbe(api, new Api(config.metricsUrl));
    protected final LiveStockProbe liveStock = new LiveStockProbe(config.baseUrl);
    protected volatile long dealId;
    /** A flash sale's stand-in for the application, when {@code -DgeneratorWarmUp} asks for a warm-up; else null. */
    private volatile GeneratorWarmUp standIn;

    protected BenchSimulation(Map<String, Set<String>> expectedOutcomes) {
        this.recorder = new Recorder(expectedOutcomes);
        System.out.println("[bench] " + getClass().getSimpleName() + ": " + config);
    }

    protected HttpProtocolBuilder protocol() {
        return http.baseUrl(config.baseUrl)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("timedeal-benchmark")
                // Gatling's warm-up would call an external site; caching would hide requests.
                .disableWarmUp()
                .disableCaching();
    }

    /**
     * The request followed by the bookkeeping: every answer is counted by status and error code. Only an answer that is
     * not a success has its body read for the error code: a success's envelope has none, and reading the JSON of every
     * 201 cost about a tenth of the CPU an order spent outside the application and PostgreSQL (mostly the load
     * generator's), on the two cores the application needs (round 37 of docs/benchmarks.md).
     */
    protected ChainBuilder measured(String name, HttpRequestActionBuilder request, CheckBuilder... validation) {
        return measured(recorder, name, request, validation);
    }

    private static ChainBuilder measured(Recorder recorder, String name, HttpRequestActionBuilder request,
                                         CheckBuilder... validation) {
        return exec(recorder::beforeRequest)
                .exec(request
                        .check(status().saveAs(Recorder.STATUS),
                                responseTimeInMillis().saveAs(Recorder.RESPONSE_TIME))
                        .checkIf((response, session) -> response.status().code() >= 300)
                        .then(jsonPath("$.error.code").optional().saveAs(Recorder.ERROR_CODE))
                        .check(validation))
                .exec(recorder.record(name));
    }

    /** A shopper's order of {@code quantity} on this simulation's deal, with the shopper's token from the feeder. */
    protected HttpRequestActionBuilder orderRequest(String name, int quantity) {
        return orderRequest("", name, quantity);
    }

    private HttpRequestActionBuilder orderRequest(String baseUrl, String name, int quantity) {
        return http(name).post(baseUrl + "/api/v1/orders")
                .header("Authorization", "Bearer #{token}")
                .body(StringBody(session -> "{\"time_deal_id\":" + dealId + ",\"quantity\":" + quantity + "}"));
    }

    /**
     * The flash sales' arrival: every shopper once, all within one second, each on a connection of its own. With
     * {@code -DgeneratorWarmUp=n}, n requests of the same shape (one a virtual user, each on a connection of its own)
     * first go, over two seconds, to a stand-in for the application inside this JVM ({@link GeneratorWarmUp}), so that
     * the generator's own code is compiled before the burst; the burst starts a second after the last of them, and the
     * load phase's CPU accounting just before it. Nothing of the warm-up reaches the application or the figures.
     */
    protected void setUpBurst(ScenarioBuilder burst) {
        PopulationBuilder arrival = burst.injectOpen(rampUsers(config.shoppers).during(Duration.ofSeconds(1)));
        if (config.generatorWarmUp <= 0) {
            setUp(arrival).protocols(protocol()).maxDuration(Duration.ofMinutes(3));
            return;
        }
        standIn = new GeneratorWarmUp();
        AtomicInteger warmedUp = new AtomicInteger();
        ScenarioBuilder warmUp = scenario(WARM_UP)
                .feed(tokens)
                .exec(measured(new Recorder(Map.of()), WARM_UP, orderRequest(standIn.baseUrl(), WARM_UP, 1),
                        status().in(201, 409)))
                .pause(Duration.ofSeconds(1))
                .exec(session -> {
                    // The last warm-up request's user, a second after it: the burst starts when it ends, so the load
                    // phase's CPU accounting starts here (its snapshot blocks this user alone, for a fraction of that
                    // second).
                    if (warmedUp.incrementAndGet() == config.generatorWarmUp) {
                        cpu.start();
                    }
                    return session;
                });
        setUp(warmUp.injectOpen(rampUsers(config.generatorWarmUp).during(Duration.ofSeconds(2))).andThen(arrival))
                .protocols(protocol())
                .maxDuration(Duration.ofMinutes(4));
    }

    /**
     * The common summary of a burst, with the time from its first request to its last answer, whether every request
     * was answered (requests without one, refused, reset or timed out, counted on their own), and every answer's send
     * and answer instant written to {@code <summary>-answers.csv} (the report's answers-over-time plot).
     */
    protected ObjectNode burstSummary(String simulation) {
        ObjectNode summary = summary(simulation);
        summary.put("shoppers", config.shoppers);
        summary.put("stock", config.stock);
        summary.put("time_to_last_answer_ms", recorder.windowMs());
        summary.put("answered", recorder.total() - recorder.count(Recorder.NO_RESPONSE));
        summary.put("all_answered", recorder.total() == config.shoppers && recorder.count(Recorder.NO_RESPONSE) == 0);
        String timeline = simulation + "-" + config.clients + "-" + config.run + "-answers.csv";
        recorder.writeTimeline(config.resultsDir.resolve(timeline));
        summary.put("timeline_csv", timeline);
        return summary;
    }

    /** Sets up a fresh deal and the shoppers' tokens. */
    protected void prepare(int stock, int shoppers) {
        String admin = api.adminToken();
        dealId = api.createActiveDeal(admin, stock);
        System.out.printf("[bench] deal %d created with stock %d%n", dealId, stock);
        tokens.fill(Shoppers.tokens(api, config, shoppers));
        liveStock.start(dealId);
        projectionLag.start();
        if (standIn == null) {
            cpu.start();
        }
        memory.start();
    }

    /**
     * The common summary, with the load phase's CPU accounting and the application's resident memory when run.sh
     * asked for them (-DappPid), the live-stock delay when {@code -DliveSubscribers} asked for it, and the projection
     * lag over the load (once the read models have caught up).
     */
    protected ObjectNode summary(String simulation) {
        JsonNode cpuUse = cpu.stop();
        ObjectNode summary = recorder.summary(simulation, config);
        if (standIn != null) {
            summary.put("generator_warm_up_requests", standIn.answered());
            standIn.close();
        }
        if (cpuUse != null) {
            summary.set("cpu", cpuUse);
        }
        memory.stop(summary);
        liveStock.stop(summary);
        projectionLag.stop(summary);
        return summary;
    }

    /**
     * The deal's counters once the read model has settled (two equal readings 250 ms apart, at most 15 s):
     * answers are counted client-side, the stock server-side, and the two must agree.
     */
    protected JsonNode settledDeal() {
        JsonNode previous = api.deal(dealId);
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            sleep(250);
            JsonNode current = api.deal(dealId);
            if (current.path("reserved_quantity").asLong() == previous.path("reserved_quantity").asLong()
                    && current.path("sold_quantity").asLong() == previous.path("sold_quantity").asLong()) {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    protected static void putDeal(ObjectNode summary, JsonNode deal) {
        ObjectNode node = summary.putObject("deal");
        node.put("id", deal.path("id").asLong());
        node.put("status", deal.path("status").asText());
        node.put("stock", deal.path("stock_quantity").asLong());
        node.put("reserved", deal.path("reserved_quantity").asLong());
        node.put("sold", deal.path("sold_quantity").asLong());
        node.put("available", deal.path("available_quantity").asLong());
    }

    protected static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
