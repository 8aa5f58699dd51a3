package com.bbossiregi.timedeal.command.order;

import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderConfirmedEvent;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.order.PaymentRequestedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.command.CommandSideConfiguration;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Lets an HTTP request wait for what its command set off in the order saga: a placed order's reservation or failure,
 * a paid order's confirmation, a canceled order's stock reaching the deal again. It listens in the process that runs
 * the saga and tells a waiter only once the event's transaction has committed, so a client never hears of something
 * a rollback could undo.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.ORDER_OUTCOMES)
public class OrderOutcomes {

    /** What one request is waiting to hear about one order. */
    public static final class Watch {
        private final CompletableFuture<Object> placement = new CompletableFuture<>();
        private final CompletableFuture<OrderConfirmedEvent> confirmation = new CompletableFuture<>();
        private final CompletableFuture<StockReleasedEvent> release = new CompletableFuture<>();
        private volatile PaymentRequestedEvent paymentRequested;
        private volatile boolean stockGivenUp;
        private volatile boolean canceled;

        /** @return the order's {@link OrderReservedEvent} or {@link OrderFailedEvent}, empty if none came in time */
        public Optional<Object> placement(Duration wait) {
            return await(placement, wait);
        }

        public boolean confirmed(Duration wait) {
            return await(confirmation, wait).isPresent();
        }

        /** Waits for the deal to take back what a canceled order gave up; true at once if it gave up nothing. */
        public boolean stockBackAtDeal(Duration wait) {
            return !stockGivenUp || await(release, wait).isPresent();
        }

        /** Set when the command that just returned requested a payment (it does not when the order is already paid). */
        public Optional<PaymentRequestedEvent> paymentRequested() {
            return Optional.ofNullable(paymentRequested);
        }

        public boolean canceled() {
            return canceled;
        }

        private static <T> Optional<T> await(CompletableFuture<T> future, Duration wait) {
            try {
                return Optional.of(future.get(wait.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    /** Start watching before sending the command, so an outcome that comes quickly is not missed. */
    public Watch watch(String orderId) {
        Watch watch = new Watch();
        watches.put(orderId, watch);
        return watch;
    }

    public void forget(String orderId, Watch watch) {
        watches.remove(orderId, watch);
    }

    @EventHandler
    void on(OrderReservedEvent event, UnitOfWork<?> unitOfWork) {
        afterCommit(event.orderId(), unitOfWork, watch -> watch.placement.complete(event));
    }

    @EventHandler
    void on(OrderFailedEvent event, UnitOfWork<?> unitOfWork) {
        afterCommit(event.orderId(), unitOfWork, watch -> watch.placement.complete(event));
    }

    @EventHandler
    void on(PaymentRequestedEvent event, UnitOfWork<?> unitOfWork) {
        afterCommit(event.orderId(), unitOfWork, watch -> watch.paymentRequested = event);
    }

    @EventHandler
    void on(OrderConfirmedEvent event, UnitOfWork<?> unitOfWork) {
        afterCommit(event.orderId(), unitOfWork, watch -> watch.confirmation.complete(event));
    }

    @EventHandler
    void on(OrderStockReleasedEvent event, UnitOfWork<?> unitOfWork) {
        afterCommit(event.orderId(), unitOfWork, watch -> watch.stockGivenUp = true);
    }

    @EventHandler
    void on(OrderCanceledEvent event, UnitOfWork<?> unitOfWork) {
        afterCommit(event.orderId(), unitOfWork, watch -> watch.canceled = true);
    }

    @EventHandler
    void on(StockReleasedEvent event, UnitOfWork<?> unitOfWork) {
        afterCommit(event.orderId(), unitOfWork, watch -> watch.release.complete(event));
    }

    private void afterCommit(String orderId, UnitOfWork<?> unitOfWork, Consumer<Watch> update) {
        Watch watch = watches.get(orderId);
        if (watch != null) {
            unitOfWork.root().afterCommit(u -> update.accept(watch));
        }
    }
}
