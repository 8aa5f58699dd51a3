package com.bbossiregi.timedeal.command.order;

import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.command.CommandSideConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Lets an HTTP request wait for what its command set off: a placed order's reservation or failure, or the deal's
 * release of a canceled order's stock. It listens in the process that runs the saga, and answers a waiter only once
 * the event's transaction has committed, so a client never hears of something a rollback could undo.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.ORDER_OUTCOMES)
public class OrderOutcomes {

    /** What became of a placed order: reserved, failed with the deal's reason, or neither yet (still pending). */
    public record Placement(Instant placedAt, OrderReservedEvent reserved, Instant reservedAt, OrderFailedEvent failed) {

        public boolean pending() {
            return reserved == null && failed == null;
        }
    }

    private final Map<String, Waiter> placements = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Instant>> releases = new ConcurrentHashMap<>();
    private final Map<String, Cancellation> cancellations = new ConcurrentHashMap<>();

    /** What a cancel command did: when, and whether the order gave up stock the deal must take back. */
    public static final class Cancellation {
        private volatile Instant canceledAt;
        private volatile boolean stockReleased;

        public Instant canceledAt() {
            return canceledAt;
        }

        public boolean stockReleased() {
            return stockReleased;
        }
    }

    private static final class Waiter {
        volatile Instant placedAt;
        final CompletableFuture<Placement> outcome = new CompletableFuture<>();
    }

    /** Register before sending the command, so an outcome that comes quickly is not missed. */
    public void expectPlacement(String orderId) {
        placements.put(orderId, new Waiter());
    }

    public void expectCancellation(String orderId) {
        cancellations.put(orderId, new Cancellation());
        releases.put(orderId, new CompletableFuture<>());
    }

    /** @return the outcome, or a pending placement when none arrived within {@code wait} */
    public Placement awaitPlacement(String orderId, Duration wait) {
        Waiter waiter = placements.get(orderId);
        try {
            return waiter.outcome.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Placement(waiter.placedAt, null, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Placement(waiter.placedAt, null, null, null);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            placements.remove(orderId);
        }
    }

    /** The cancel command runs in the caller's thread, so its outcome is known as soon as the command returns. */
    public Optional<Cancellation> cancellation(String orderId) {
        Cancellation cancellation = cancellations.remove(orderId);
        return cancellation == null || cancellation.canceledAt == null ? Optional.empty() : Optional.of(cancellation);
    }

    public boolean awaitRelease(String orderId, Duration wait) {
        CompletableFuture<Instant> released = releases.get(orderId);
        try {
            released.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            releases.remove(orderId);
        }
    }

    public void forget(String orderId) {
        placements.remove(orderId);
        releases.remove(orderId);
        cancellations.remove(orderId);
    }

    @EventHandler
    void on(OrderPlacedEvent event, @Timestamp Instant at, UnitOfWork<?> unitOfWork) {
        Waiter waiter = placements.get(event.orderId());
        if (waiter != null) {
            unitOfWork.root().afterCommit(u -> waiter.placedAt = at);
        }
    }

    @EventHandler
    void on(OrderReservedEvent event, @Timestamp Instant at, UnitOfWork<?> unitOfWork) {
        Waiter waiter = placements.get(event.orderId());
        if (waiter != null) {
            unitOfWork.root().afterCommit(u -> waiter.outcome.complete(new Placement(waiter.placedAt, event, at, null)));
        }
    }

    @EventHandler
    void on(OrderFailedEvent event, UnitOfWork<?> unitOfWork) {
        Waiter waiter = placements.get(event.orderId());
        if (waiter != null) {
            unitOfWork.root().afterCommit(u -> waiter.outcome.complete(new Placement(waiter.placedAt, null, null, event)));
        }
    }

    @EventHandler
    void on(OrderStockReleasedEvent event, UnitOfWork<?> unitOfWork) {
        Cancellation cancellation = cancellations.get(event.orderId());
        if (cancellation != null) {
            unitOfWork.root().afterCommit(u -> cancellation.stockReleased = true);
        }
    }

    @EventHandler
    void on(OrderCanceledEvent event, @Timestamp Instant at, UnitOfWork<?> unitOfWork) {
        Cancellation cancellation = cancellations.get(event.orderId());
        if (cancellation != null) {
            unitOfWork.root().afterCommit(u -> cancellation.canceledAt = at);
        }
    }

    @EventHandler
    void on(StockReleasedEvent event, @Timestamp Instant at, UnitOfWork<?> unitOfWork) {
        CompletableFuture<Instant> released = releases.get(event.orderId());
        if (released != null) {
            unitOfWork.root().afterCommit(u -> released.complete(at));
        }
    }
}
