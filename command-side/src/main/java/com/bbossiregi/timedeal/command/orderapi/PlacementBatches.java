package com.bbossiregi.timedeal.command.orderapi;

import com.bbossiregi.timedeal.api.order.PlaceOrderCommand;
import com.bbossiregi.timedeal.api.order.PlaceOrdersCommand;
import com.bbossiregi.timedeal.api.order.PlacedOrder;
import com.bbossiregi.timedeal.api.order.PlacedOrders;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Group commit of orders on one deal. A deal decides its orders one at a time, under its lock, and each decision used
 * to be a commit of its own, so a hundred shoppers on a hot deal waited for a hundred commits in a row. Here the
 * orders of one deal that arrive while the deal is busy with earlier ones wait in a queue on this node; when the deal's
 * current command returns, the first of them sends all that wait (up to a bound) as one {@link PlaceOrdersCommand},
 * decided in one unit of work and stored in one commit, and every waiting request gets its own order's outcome from it.
 * An order that arrives while nothing is under way is sent at once, alone, as a {@link PlaceOrderCommand}: group
 * commit adds no wait of its own.
 * <p>
 * The commit is all or nothing: when a batch fails as a whole (a repeated order id the store refuses, the database
 * gone, the deal's node gone), none of it was stored, or, for a failure after the commit was sent, what was is found by
 * order id. Each request is then told so ({@link Outcome#batchFailed()}) and places its order alone, the way a retry
 * with the same order id does, so it gets its own true outcome and never a neighbour's error.
 * <p>
 * Written here rather than taken from Axon: its command bus has no batching, and the queue must sit in front of the
 * deal's lock, where the requests wait.
 */
class PlacementBatches {

    /** What a request's order came to: its placement, or the news that its batch failed as a whole. */
    record Outcome(PlacedOrder placed, RuntimeException failure, boolean batchFailed) {

        /** @return the placement; rethrows the failure of an order that was sent alone */
        PlacedOrder placement() {
            if (failure != null) {
                throw failure;
            }
            return placed;
        }
    }

    static final String QUEUED = "timedeal.orders.queued";
    static final String COMMITS = "timedeal.orders.placement.commits";

    private final CommandGateway commands;
    private final int maxBatch;
    private final AtomicInteger queued = new AtomicInteger();
    private final DistributionSummary ordersPerCommit;
    /** Deals with orders under way on this node; a deal leaves the map when its queue runs dry. */
    private final ConcurrentHashMap<Long, Queue> deals = new ConcurrentHashMap<>();

    PlacementBatches(CommandGateway commands, int maxBatch, MeterRegistry meters) {
        this.commands = commands;
        this.maxBatch = maxBatch;
        Gauge.builder(QUEUED, queued, AtomicInteger::get)
                .description("orders waiting on this node for their deal's next commit")
                .register(meters);
        this.ordersPerCommit = DistributionSummary.builder(COMMITS)
                .description("placement commands sent, by the number of orders each carried")
                .register(meters);
    }

    /**
     * Places one order, alone or with others waiting on the same deal, and returns when its outcome is known.
     *
     * @param metaData what the order's events record of its request (the actor, the trace context)
     */
    Outcome place(PlaceOrderCommand command, Map<String, String> metaData) {
        Waiter me = new Waiter(command, metaData);
        boolean[] leading = {false};
        deals.compute(command.timeDealId(), (id, queue) -> {
            Queue joined = queue == null ? new Queue() : queue;
            joined.waiting.add(me);
            queued.incrementAndGet();
            if (!joined.busy) {
                joined.busy = true;
                leading[0] = true;
            }
            return joined;
        });
        boolean lead = leading[0];
        while (true) {
            if (lead) {
                // Whoever leads is the first in the queue, so its own order is in the batch it sends.
                sendNextBatch(command.timeDealId());
            }
            if (me.isDone()) {
                return me.outcome();
            }
            lead = me.awaitTurn();
        }
    }

    private void sendNextBatch(long timeDealId) {
        List<Waiter> batch = new ArrayList<>();
        try {
            deals.computeIfPresent(timeDealId, (id, queue) -> {
                while (batch.size() < maxBatch && !queue.waiting.isEmpty()) {
                    batch.add(queue.waiting.poll());
                }
                queued.addAndGet(-batch.size());
                return queue;
            });
            ordersPerCommit.record(batch.size());
            if (batch.size() == 1) {
                sendAlone(batch.get(0));
            } else if (!batch.isEmpty()) {
                sendTogether(timeDealId, batch);
            }
        } finally {
            handOver(timeDealId);
        }
    }

    private void sendAlone(Waiter waiter) {
        try {
            PlacedOrder placed = commands.sendAndWait(GenericCommandMessage.asCommandMessage(waiter.command)
                    .andMetaData(MetaData.from(waiter.metaData)));
            waiter.finish(new Outcome(placed, null, false));
        } catch (RuntimeException e) {
            waiter.finish(new Outcome(null, e, false));
        }
    }

    private void sendTogether(long timeDealId, List<Waiter> batch) {
        List<PlacedOrder> placements;
        try {
            PlacedOrders placed = commands.sendAndWait(new PlaceOrdersCommand(timeDealId, batch.stream()
                    .map(waiter -> new PlaceOrdersCommand.Order(waiter.command, waiter.metaData))
                    .toList()));
            placements = placed.placements();
        } catch (RuntimeException e) {
            batch.forEach(waiter -> waiter.finish(new Outcome(null, null, true)));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).finish(new Outcome(placements.get(i), null, false));
        }
    }

    /** The deal's next batch is sent by the first request still waiting; with none left, the deal leaves the map. */
    private void handOver(long timeDealId) {
        Waiter[] next = {null};
        deals.computeIfPresent(timeDealId, (id, queue) -> {
            if (queue.waiting.isEmpty()) {
                return null;
            }
            next[0] = queue.waiting.peek();
            return queue;
        });
        if (next[0] != null) {
            next[0].lead();
        }
    }

    /** Requests queued on the deal and not yet sent; -1 when the deal has nothing under way on this node. */
    int waiting(long timeDealId) {
        int[] waiting = {-1};
        deals.computeIfPresent(timeDealId, (id, queue) -> {
            waiting[0] = queue.waiting.size();
            return queue;
        });
        return waiting[0];
    }

    /** Requests waiting on one deal, in arrival order; busy while one of them sends a batch. Guarded by the map. */
    private static final class Queue {
        final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
        boolean busy;
    }

    /** One request: told either its outcome or that it sends the next batch. */
    private static final class Waiter {
        final PlaceOrderCommand command;
        final Map<String, String> metaData;
        private Outcome outcome;
        private boolean lead;

        Waiter(PlaceOrderCommand command, Map<String, String> metaData) {
            this.command = command;
            this.metaData = Map.copyOf(metaData);
        }

        synchronized void finish(Outcome result) {
            outcome = result;
            notifyAll();
        }

        synchronized void lead() {
            lead = true;
            notifyAll();
        }

        synchronized boolean isDone() {
            return outcome != null;
        }

        synchronized Outcome outcome() {
            return outcome;
        }

        /**
         * Waits until this request's order has an outcome (false) or it must send the next batch (true). Not
         * interruptible: the batch this request leads or belongs to would stall for everyone in it.
         */
        synchronized boolean awaitTurn() {
            boolean interrupted = false;
            while (outcome == null && !lead) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            boolean leads = lead && outcome == null;
            lead = false;
            return leads;
        }
    }
}
