package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.order.PlaceOrderCommand;
import com.bbossiregi.timedeal.api.order.PlaceOrdersCommand;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An Idempotency-Key ends with the true outcome of its order whatever cut the first request short: a crash after the
 * key was claimed and before the order was placed, a crash after the order was stored and before the answer, a commit
 * that failed, a commit that landed although the caller was told it failed, or the same request sent many times at once.
 * Every retry gets the outcome a first answer would have given, and there is never a second order.
 */
@Import(IdempotencyFaultIT.Faults.class)
class IdempotencyFaultIT extends ApiTestBase {

    private static final TestDatabase.Settings DATABASE = TestDatabase.create("timedeal_idempotency");

    @DynamicPropertySource
    static void application(DynamicPropertyRegistry registry) {
        configure(registry, DATABASE);
    }

    /**
     * Breaks the unit of work of a shopper's next order placement, before or after its commit, alone or in a batch
     * (the whole batch's unit of work then), or holds it until released, so that orders queue behind it.
     */
    static final class FaultInjection {
        final Set<Long> failBeforeCommit = ConcurrentHashMap.newKeySet();
        final Set<Long> failAfterCommit = ConcurrentHashMap.newKeySet();
        /** By shopper: counted down once the placement is held, and the latch that releases it. */
        final Map<Long, CountDownLatch[]> hold = new ConcurrentHashMap<>();
        /** The sizes of the batches whose unit of work was broken. */
        final List<Integer> brokenBatches = new java.util.concurrent.CopyOnWriteArrayList<>();

        FaultInjection(CommandBus commandBus) {
            commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
                if (unitOfWork.getMessage().getPayload() instanceof PlaceOrdersCommand batch) {
                    List<Long> shoppers = batch.orders().stream().map(order -> order.command().userId()).toList();
                    if (shoppers.stream().anyMatch(failBeforeCommit::remove)) {
                        brokenBatches.add(shoppers.size());
                        unitOfWork.onPrepareCommit(u -> {
                            throw new IllegalStateException("injected fault: the batch's commit fails");
                        });
                    }
                    if (shoppers.stream().anyMatch(failAfterCommit::remove)) {
                        brokenBatches.add(shoppers.size());
                        unitOfWork.onCommit(u -> {
                            throw new IllegalStateException("injected fault: the batch landed, its answer is lost");
                        });
                    }
                }
                if (unitOfWork.getMessage().getPayload() instanceof PlaceOrderCommand placement) {
                    CountDownLatch[] heldAndRelease = hold.remove(placement.userId());
                    if (heldAndRelease != null) {
                        heldAndRelease[0].countDown();
                        heldAndRelease[1].await(30, TimeUnit.SECONDS);
                    }
                    if (failBeforeCommit.remove(placement.userId())) {
                        unitOfWork.onPrepareCommit(u -> {
                            throw new IllegalStateException("injected fault: the commit fails");
                        });
                    }
                    if (failAfterCommit.remove(placement.userId())) {
                        // Registered after the transaction's own commit handler, so it fails once the data landed.
                        unitOfWork.onCommit(u -> {
                            throw new IllegalStateException("injected fault: the commit landed, its answer is lost");
                        });
                    }
                }
                return chain.proceed();
            });
        }
    }

    @TestConfiguration
    static class Faults {
        @Bean
        FaultInjection faultInjection(CommandBus commandBus) {
            return new FaultInjection(commandBus);
        }
    }

    @Autowired
    FaultInjection faults;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private long newDeal(int stock) {
        Instant now = Instant.now();
        return api.post("/api/v1/admin/timedeals", Map.of("product_id", 2, "deal_price", 59900,
                "stock_quantity", stock, "start_at", now.minusSeconds(10).toString(),
                "end_at", now.plusSeconds(3600).toString()), api.admin().token()).data().path("id").asLong();
    }

    private Api.Response order(Api.Session shopper, long dealId, int quantity, String key) {
        return api.post("/api/v1/orders", Map.of("time_deal_id", dealId, "quantity", quantity), shopper.token(),
                Map.of("Idempotency-Key", key));
    }

    private int ordersOf(Api.Session shopper) {
        return api.get("/api/v1/orders", shopper.token()).json().path("meta").path("total").asInt();
    }

    private int reserved(long dealId) {
        return api.get("/api/v1/timedeals/" + dealId, null).data().path("reserved_quantity").asInt();
    }

    /** What a request leaves behind when its process dies right after claiming the key. */
    private String claimOnly(Api.Session shopper, String key, long dealId, int quantity) {
        String orderId = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO order_request (user_id, idempotency_key, order_id, time_deal_id, quantity) "
                + "VALUES (?, ?, ?, ?, ?)", shopper.userId(), key, orderId, dealId, quantity);
        return orderId;
    }

    /** What a request leaves behind when its process dies right after the order's commit, before answering. */
    private String claimAndPlace(Api.Session shopper, String key, long dealId, int quantity) {
        String orderId = claimOnly(shopper, key, dealId, quantity);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new PlaceOrderCommand(dealId, orderId, shopper.userId(), quantity))
                .andMetaData(MetaData.from(Actor.user(shopper.userId()).toMetaData())));
        return orderId;
    }

    @Test
    void aRequestCutOffAfterClaimingItsKeyIsPlacedByTheRetryUnderTheSameOrder() {
        long dealId = newDeal(10);
        Api.Session shopper = api.newShopper();
        String orderId = claimOnly(shopper, "cut-before-placing", dealId, 2);

        Api.Response retry = order(shopper, dealId, 2, "cut-before-placing");

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.data().path("id").asText()).isEqualTo(orderId);
        assertThat(retry.data().path("status").asText()).isEqualTo("reserved");
        assertThat(order(shopper, dealId, 2, "cut-before-placing").data().path("id").asText()).isEqualTo(orderId);
        assertThat(ordersOf(shopper)).isEqualTo(1);
        assertThat(reserved(dealId)).isEqualTo(2);
    }

    @Test
    void aRequestCutOffAfterPlacingIsAnsweredWithItsReservation() {
        long dealId = newDeal(10);
        Api.Session shopper = api.newShopper();
        String orderId = claimAndPlace(shopper, "cut-after-placing", dealId, 3);

        Api.Response retry = order(shopper, dealId, 3, "cut-after-placing");

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.data().path("id").asText()).isEqualTo(orderId);
        assertThat(retry.data().path("reserved_at").isNull()).isFalse();
        assertThat(ordersOf(shopper)).isEqualTo(1);
        assertThat(reserved(dealId)).isEqualTo(3);
    }

    @Test
    void aRefusedOrderCutOffBeforeItsAnswerIsRefusedAgainOnRetryNotLeftPending() {
        long dealId = newDeal(2);
        Api.Session shopper = api.newShopper();
        claimAndPlace(shopper, "refused-then-cut", dealId, 3);

        for (int attempt = 0; attempt < 2; attempt++) {
            Api.Response retry = order(shopper, dealId, 3, "refused-then-cut");
            assertThat(retry.status()).isEqualTo(409);
            assertThat(retry.errorCode()).isEqualTo("INSUFFICIENT_STOCK");
            JsonNode details = retry.json().path("error").path("details");
            assertThat(details.path("available").asInt()).isEqualTo(2);
            assertThat(details.path("requested").asInt()).isEqualTo(3);
        }
        // A refusal answers without waiting for the read models: the one failed order shows up there soon after.
        eventually(Duration.ofSeconds(10), () -> assertThat(ordersOf(shopper)).isEqualTo(1));
        assertThat(reserved(dealId)).isZero();
    }

    @Test
    void aCommitThatFailedLeavesNothingAndTheRetryPlacesTheOrderOnce() {
        long dealId = newDeal(10);
        Api.Session shopper = api.newShopper();
        faults.failBeforeCommit.add(shopper.userId());

        Api.Response first = order(shopper, dealId, 1, "commit-failed");
        assertThat(first.status()).isGreaterThanOrEqualTo(500);
        assertThat(first.json().path("success").asBoolean(true)).isFalse();
        assertThat(reserved(dealId)).isZero();

        Api.Response retry = order(shopper, dealId, 1, "commit-failed");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(ordersOf(shopper)).isEqualTo(1);
        assertThat(reserved(dealId)).isEqualTo(1);
    }

    @Test
    void aCommitThatLandedAlthoughTheCallerHeardItFailedIsAnsweredByTheRetryWithoutASecondOrder() {
        long dealId = newDeal(10);
        Api.Session shopper = api.newShopper();
        faults.failAfterCommit.add(shopper.userId());

        Api.Response first = order(shopper, dealId, 2, "commit-landed");
        assertThat(first.status()).isGreaterThanOrEqualTo(500);

        Api.Response retry = order(shopper, dealId, 2, "commit-landed");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(ordersOf(shopper)).isEqualTo(1);
        assertThat(reserved(dealId)).isEqualTo(2);
    }

    /**
     * Holds the first shopper's order on the deal, queues the others' orders behind it on this node, then lets it go:
     * the queued orders are then sent as one batch. Returns every shopper's answer, the first's first.
     */
    private List<Api.Response> aBatchBehind(long dealId, List<Api.Session> shoppers) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        faults.hold.put(shoppers.get(0).userId(), new CountDownLatch[]{held, release});
        ExecutorService pool = Executors.newFixedThreadPool(shoppers.size());
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            answers.add(pool.submit(() -> order(shoppers.get(0), dealId, 1, "held")));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            for (Api.Session shopper : shoppers.subList(1, shoppers.size())) {
                answers.add(pool.submit(() -> order(shopper, dealId, 1, "queued")));
            }
            eventually(Duration.ofSeconds(30), () -> assertThat(meters.get("timedeal.orders.queued").gauge().value())
                    .isEqualTo(shoppers.size() - 1));
            release.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    private List<Api.Session> shoppers(int count) {
        List<Api.Session> shoppers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shoppers.add(api.newShopper());
        }
        return shoppers;
    }

    @Test
    void ordersQueuedBehindABusyDealShareOneCommitAndEachOrdersEventsNameItsOwnShopper() throws Exception {
        long dealId = newDeal(10);
        List<Api.Session> shoppers = shoppers(5);
        double commitsBefore = meters.get("timedeal.orders.placement.commits").summary().count();

        List<Api.Response> answers = aBatchBehind(dealId, shoppers);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(201));
        assertThat(meters.get("timedeal.orders.placement.commits").summary().count() - commitsBefore)
                .as("the held order alone, then the four queued behind it together").isEqualTo(2);
        for (int i = 0; i < shoppers.size(); i++) {
            Api.Session shopper = shoppers.get(i);
            String orderId = answers.get(i).data().path("id").asText();
            Api.Response stream = api.get("/api/v1/orders/" + orderId + "/events", shopper.token());
            assertThat(stream.data()).hasSize(2).allSatisfy(event -> {
                assertThat(event.path("actor_type").asText()).isEqualTo("user");
                assertThat(event.path("actor_id").asText()).isEqualTo(Long.toString(shopper.userId()));
            });
        }
        assertThat(reserved(dealId)).isEqualTo(5);
    }

    @Test
    void aBatchWhoseCommitFailedLeavesNothingAndEachOfItsOrdersIsThenPlacedOnceWithItsOwnAnswer() throws Exception {
        long dealId = newDeal(10);
        List<Api.Session> shoppers = shoppers(5);
        faults.failBeforeCommit.add(shoppers.get(2).userId());

        List<Api.Response> answers = aBatchBehind(dealId, shoppers);

        assertThat(faults.brokenBatches).as("the four queued orders went as one batch, and it failed").contains(4);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(201));
        for (int i = 0; i < shoppers.size(); i++) {
            assertThat(ordersOf(shoppers.get(i))).isEqualTo(1);
            assertThat(answers.get(i).data().path("user_id").asLong()).isEqualTo(shoppers.get(i).userId());
        }
        assertThat(reserved(dealId)).isEqualTo(5);
    }

    @Test
    void aBatchThatLandedAlthoughItsRequestsHeardItFailedIsAnsweredFromItsOrdersWithoutSecondOnes() throws Exception {
        long dealId = newDeal(3);
        List<Api.Session> shoppers = shoppers(5);
        faults.failAfterCommit.add(shoppers.get(1).userId());

        List<Api.Response> answers = aBatchBehind(dealId, shoppers);

        assertThat(faults.brokenBatches).contains(4);
        // Three in stock: the held order and the first two of the batch got them, in whatever order the batch had.
        assertThat(answers).extracting(Api.Response::status).containsOnly(201, 409);
        assertThat(answers.stream().filter(answer -> answer.status() == 201).count()).isEqualTo(3);
        assertThat(answers.stream().filter(answer -> answer.status() == 409))
                .allSatisfy(answer -> assertThat(answer.errorCode()).isEqualTo("INSUFFICIENT_STOCK"));
        // A refusal answers without waiting for the read models; a later order's 201 does wait for them, so after it
        // the order history holds every order of the batch, a second one of any shopper included.
        assertThat(order(api.newShopper(), newDeal(1), 1, "after-the-batch").status()).isEqualTo(201);
        eventually(Duration.ofSeconds(10), () -> {
            for (Api.Session shopper : shoppers) {
                assertThat(ordersOf(shopper)).as("one order each, reserved or failed").isEqualTo(1);
            }
        });
        assertThat(reserved(dealId)).isEqualTo(3);
    }

    @Test
    void manyCopiesOfOneRequestAtOnceMakeOneOrderAndGetOneAnswer() throws Exception {
        long dealId = newDeal(10);
        Api.Session shopper = api.newShopper();
        int copies = 30;
        Set<String> orderIds = new HashSet<>();
        for (Api.Response response : ConcurrentRequests.atOnce(copies,
                i -> order(shopper, dealId, 1, "sent-thirty-times"))) {
            assertThat(response.status()).isEqualTo(201);
            orderIds.add(response.data().path("id").asText());
        }

        assertThat(orderIds).hasSize(1);
        assertThat(ordersOf(shopper)).isEqualTo(1);
        assertThat(reserved(dealId)).isEqualTo(1);
    }

    @Test
    void aKeyPastItsTimeToLiveStartsANewOrder() {
        long dealId = newDeal(10);
        Api.Session shopper = api.newShopper();
        String first = order(shopper, dealId, 1, "old-key").data().path("id").asText();
        jdbc.update("UPDATE order_request SET created_at = now() - interval '25 hours' WHERE user_id = ?",
                shopper.userId());

        Api.Response again = order(shopper, dealId, 1, "old-key");

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.data().path("id").asText()).isNotEqualTo(first);
        assertThat(ordersOf(shopper)).isEqualTo(2);
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefused() {
        long dealId = newDeal(10);
        Api.Session shopper = api.newShopper();
        assertThat(order(shopper, dealId, 1, "one-request").status()).isEqualTo(201);

        Api.Response other = order(shopper, dealId, 2, "one-request");

        assertThat(other.status()).isEqualTo(400);
        assertThat(other.errorCode()).isEqualTo("BAD_REQUEST");
        assertThat(ordersOf(shopper)).isEqualTo(1);
    }

    @Test
    void theIdempotentReplaysAreCounted() {
        long dealId = newDeal(10);
        Api.Session shopper = api.newShopper();
        double before = meters.counter("timedeal.orders.idempotent.replays").count();
        order(shopper, dealId, 1, "counted");
        order(shopper, dealId, 1, "counted");
        order(shopper, dealId, 1, "counted");
        assertThat(meters.counter("timedeal.orders.idempotent.replays").count()).isEqualTo(before + 2);
    }
}
