package com.bbossiregi.timedeal.command.orderapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.api.order.PlaceOrderCommand;
import com.bbossiregi.timedeal.api.order.PlaceOrdersCommand;
import com.bbossiregi.timedeal.api.order.PlacedOrder;
import com.bbossiregi.timedeal.api.order.PlacedOrders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit's queue on a real Axon command bus, with the deal's handlers replaced by ones the test holds: what
 * goes out alone, what goes out together, and what each waiting request is told.
 */
class PlacementBatchesTest {

    private static final long DEAL = 7;

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService requests = Executors.newCachedThreadPool();
    /** Every command the deal got, as the list of order ids it carried. */
    private final List<List<String>> sent = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstHeld = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    @AfterEach
    void stop() {
        releaseFirst.countDown();
        requests.shutdownNow();
    }

    /** The deal: the first command waits until released; batches are answered by {@code batch}. */
    private PlacementBatches batches(int max, Function<PlaceOrdersCommand, PlacedOrders> batch,
                                     Function<PlaceOrderCommand, PlacedOrder> alone) {
        bus.subscribe(PlaceOrderCommand.class.getName(), message -> {
            PlaceOrderCommand command = (PlaceOrderCommand) message.getPayload();
            sent.add(List.of(command.orderId()));
            holdTheFirst();
            return alone.apply(command);
        });
        bus.subscribe(PlaceOrdersCommand.class.getName(), (CommandMessage<?> message) -> {
            PlaceOrdersCommand command = (PlaceOrdersCommand) message.getPayload();
            sent.add(command.orders().stream().map(order -> order.command().orderId()).toList());
            holdTheFirst();
            return batch.apply(command);
        });
        return new PlacementBatches(DefaultCommandGateway.builder().commandBus(bus).build(), max, meters);
    }

    private void holdTheFirst() throws InterruptedException {
        if (firstHeld.getCount() > 0) {
            firstHeld.countDown();
            assertThat(releaseFirst.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static PlacedOrder reserved(PlaceOrderCommand command) {
        return new PlacedOrder(new OrderView(command.orderId(), command.userId(), command.timeDealId(),
                command.quantity(), 100, 100L * command.quantity(), OrderStatus.RESERVED, null, null, null, null, null),
                null);
    }

    private static PlacedOrders eachReserved(PlaceOrdersCommand command) {
        return new PlacedOrders(command.orders().stream().map(order -> reserved(order.command())).toList());
    }

    private Future<PlacementBatches.Outcome> order(PlacementBatches batches, String orderId) {
        return requests.submit(() -> batches.place(new PlaceOrderCommand(DEAL, orderId, 1, 1),
                Map.of("actorId", orderId)));
    }

    /** Starts the first order, waits until the deal holds it, then queues {@code queued} more behind it. */
    private List<Future<PlacementBatches.Outcome>> firstThenQueued(PlacementBatches batches, int queued)
            throws Exception {
        List<Future<PlacementBatches.Outcome>> outcomes = new ArrayList<>();
        outcomes.add(order(batches, "order-0"));
        assertThat(firstHeld.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= queued; i++) {
            outcomes.add(order(batches, "order-" + i));
        }
        while (batches.waiting(DEAL) < queued) {
            Thread.sleep(5);
        }
        releaseFirst.countDown();
        return outcomes;
    }

    @Test
    void anOrderOnAnIdleDealGoesAloneAndOrdersQueuedBehindItShareOneCommandEachGettingItsOwnOutcome()
            throws Exception {
        PlacementBatches batches = batches(64, PlacementBatchesTest::eachReserved, PlacementBatchesTest::reserved);
        List<Future<PlacementBatches.Outcome>> outcomes = firstThenQueued(batches, 5);

        for (int i = 0; i < outcomes.size(); i++) {
            PlacementBatches.Outcome outcome = outcomes.get(i).get(10, TimeUnit.SECONDS);
            assertThat(outcome.batchFailed()).isFalse();
            assertThat(outcome.placement().order().id()).isEqualTo("order-" + i);
        }
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).containsExactly("order-0");
        assertThat(sent.get(1)).containsExactlyInAnyOrder("order-1", "order-2", "order-3", "order-4", "order-5");
        assertThat(batches.waiting(DEAL)).as("an idle deal leaves nothing behind").isEqualTo(-1);
        assertThat(meters.get(PlacementBatches.COMMITS).summary().count()).isEqualTo(2);
        assertThat(meters.get(PlacementBatches.COMMITS).summary().max()).isEqualTo(5);
        assertThat(meters.get(PlacementBatches.QUEUED).gauge().value()).isZero();
    }

    @Test
    void aBatchIsAtMostTheBoundAndTheRestGoesInTheNext() throws Exception {
        PlacementBatches batches = batches(2, PlacementBatchesTest::eachReserved, PlacementBatchesTest::reserved);
        List<Future<PlacementBatches.Outcome>> outcomes = firstThenQueued(batches, 5);
        for (Future<PlacementBatches.Outcome> outcome : outcomes) {
            assertThat(outcome.get(10, TimeUnit.SECONDS).placement().order().status()).isEqualTo(OrderStatus.RESERVED);
        }
        assertThat(sent).extracting(List::size).containsExactly(1, 2, 2, 1);
    }

    @Test
    void whenABatchFailsAsAWholeEveryRequestInItIsToldSoAndNoOtherIs() throws Exception {
        PlacementBatches batches = batches(64, command -> {
            throw new IllegalStateException("the database went away");
        }, PlacementBatchesTest::reserved);
        List<Future<PlacementBatches.Outcome>> outcomes = firstThenQueued(batches, 3);

        assertThat(outcomes.get(0).get(10, TimeUnit.SECONDS).placement().order().id()).isEqualTo("order-0");
        for (Future<PlacementBatches.Outcome> outcome : outcomes.subList(1, 4)) {
            assertThat(outcome.get(10, TimeUnit.SECONDS).batchFailed()).isTrue();
        }
        assertThat(batches.waiting(DEAL)).isEqualTo(-1);
    }

    @Test
    void theFailureOfAnOrderSentAloneIsItsOwnAndTheQueueGoesOn() throws Exception {
        PlacementBatches batches = batches(64, PlacementBatchesTest::eachReserved, command -> {
            throw new DomainException(ErrorCode.NOT_FOUND, "Time deal not found");
        });
        List<Future<PlacementBatches.Outcome>> outcomes = firstThenQueued(batches, 2);

        PlacementBatches.Outcome first = outcomes.get(0).get(10, TimeUnit.SECONDS);
        assertThat(first.batchFailed()).isFalse();
        assertThatThrownBy(first::placement).isInstanceOf(DomainException.class);
        assertThat(outcomes.get(1).get(10, TimeUnit.SECONDS).placement().order().id()).isEqualTo("order-1");
        assertThat(outcomes.get(2).get(10, TimeUnit.SECONDS).placement().order().id()).isEqualTo("order-2");
    }
}
