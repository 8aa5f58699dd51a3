package com.bbossiregi.timedeal.command.timedeal;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.command.support.FieldErrors;
import com.bbossiregi.timedeal.api.timedeal.CancelTimeDealCommand;
import com.bbossiregi.timedeal.api.timedeal.CreateTimeDealCommand;
import com.bbossiregi.timedeal.api.timedeal.ReleaseStockCommand;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import com.bbossiregi.timedeal.api.timedeal.ReserveStockCommand;
import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.SellReservedStockCommand;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservationRejectedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCanceledEvent;
import com.bbossiregi.timedeal.api.product.ProductDetail;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealDetail;
import com.bbossiregi.timedeal.api.timedeal.TimeDealEndedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealReactivatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealSoldOutEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStartedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import com.bbossiregi.timedeal.command.support.StoredByFields;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A time deal and its stock: the one place that decides whether an order gets stock, so that overselling
 * cannot happen. Stock is only ever handed out by {@link #handle(ReserveStockCommand)}, which refuses any
 * quantity above what is available; every state change happens in an event sourcing handler.
 *
 * <p>Business refusals of a reservation are events, not exceptions: the order saga has to learn the
 * outcome either way, and an exception would only make its event processor retry a decision that will not
 * change.
 *
 * <p>The deal's start and end are deadlines, so the status changes at the exact instant. Commands still catch
 * up with the clock themselves, because a deadline may run late (a restart, a busy scheduler); both paths
 * check the status first, so whichever comes second does nothing.
 */
@Aggregate(cache = "timeDealCache", snapshotTriggerDefinition = "timeDealSnapshotTrigger")
@StoredByFields
public class TimeDeal {

    static final String DEAL_START = "deal-start";
    static final String DEAL_END = "deal-end";

    /** A start or an end happens because time passed, whoever's command noticed it first. */
    private static final MetaData BY_THE_CLOCK = MetaData.from(Actor.SYSTEM.toMetaData());

    @AggregateIdentifier
    private String streamId;
    private long timeDealId;
    private long productId;
    private long originalPrice;
    private long dealPrice;
    private int discountRate;
    private TimeDealStatus status;
    private Instant startAt;
    private Instant endAt;
    private int stockQuantity;
    private int reservedQuantity;
    private int soldQuantity;
    /** Active reservations only, by order id; an order leaves this map when its stock is released or sold. */
    private HashMap<String, Integer> reservedQuantityByOrder = new HashMap<>();
    /**
     * Paid orders, by order id, kept so that a repeated sale is recognised and a sold order can never be released.
     * Every entry is at least one unit, so the map never outgrows the stock.
     */
    private HashMap<String, Integer> soldQuantityByOrder = new HashMap<>();

    protected TimeDeal() {
        // Axon and Jackson rebuild the aggregate from events or a snapshot.
    }

    @CommandHandler
    public TimeDeal(CreateTimeDealCommand command, DeadlineManager deadlineManager) {
        Instant now = GenericEventMessage.clock.instant();
        // The request's shape (prices, stock, start before end, required fields) was checked at the HTTP edge, on
        // CatalogCommands.NewTimeDeal; only the rule that needs the clock is the aggregate's.
        FieldErrors errors = new FieldErrors();
        if (!now.isBefore(command.endAt())) {
            // A deal that is over before it exists could never sell anything.
            errors.reject("end_at", "must be in the future");
        }
        errors.throwIfAny();
        TimeDealStatus initialStatus = now.isBefore(command.startAt()) ? TimeDealStatus.SCHEDULED : TimeDealStatus.ACTIVE;
        apply(new TimeDealCreatedEvent(
                command.timeDealId(),
                command.productId(),
                command.originalPrice(),
                command.dealPrice(),
                discountRate(command.originalPrice(), command.dealPrice()),
                command.stockQuantity(),
                command.startAt(),
                command.endAt(),
                initialStatus));
        if (initialStatus == TimeDealStatus.SCHEDULED) {
            deadlineManager.schedule(command.startAt(), DEAL_START);
        }
        deadlineManager.schedule(command.endAt(), DEAL_END);
    }

    /**
     * round((1 - deal / original) * 100) computed exactly as (original - deal) * 100 / original with
     * BigDecimal and HALF_UP, so a rate of exactly x.5 always rounds up, which binary doubles do not
     * guarantee (1 - 1/200 is 0.99499... as a double).
     */
    static int discountRate(long originalPrice, long dealPrice) {
        return BigDecimal.valueOf(originalPrice - dealPrice)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(originalPrice), 0, RoundingMode.HALF_UP)
                .intValueExact();
    }

    @CommandHandler
    public void handle(ReserveStockCommand command) {
        if (command.quantity() <= 0) {
            throw new DomainException(
                    ErrorCode.INVALID_QUANTITY,
                    "quantity must be at least 1",
                    Map.of("min", 1, "requested", command.quantity()));
        }
        if (reservedQuantityByOrder.containsKey(command.orderId())) {
            // A redelivered request for an order that already holds stock must not take stock twice.
            return;
        }
        Instant now = GenericEventMessage.clock.instant();
        catchUpWithClock(now);
        if (!isOpenForOrdersAt(now)) {
            reject(command, ReservationRejection.DEAL_NOT_ACTIVE);
            return;
        }
        if (command.quantity() > availableQuantity()) {
            reject(command, ReservationRejection.INSUFFICIENT_STOCK);
            return;
        }
        apply(new StockReservedEvent(timeDealId, command.orderId(), command.quantity()));
        if (availableQuantity() == 0) {
            apply(new TimeDealSoldOutEvent(timeDealId));
        }
    }

    @CommandHandler
    public void handle(ReleaseStockCommand command) {
        if (soldQuantityByOrder.containsKey(command.orderId())) {
            // A paid order's units are counted as sold; handing them out again would oversell.
            throw new DomainException(ErrorCode.CANNOT_CANCEL, "order " + command.orderId() + " was already sold");
        }
        Integer heldQuantity = reservedQuantityByOrder.get(command.orderId());
        if (heldQuantity == null) {
            // Never reserved or already released: releasing again must not hand the stock out twice.
            return;
        }
        Instant now = GenericEventMessage.clock.instant();
        catchUpWithClock(now);
        apply(new StockReleasedEvent(timeDealId, command.orderId(), heldQuantity));
        if (status == TimeDealStatus.SOLDOUT && now.isBefore(endAt)) {
            apply(new TimeDealReactivatedEvent(timeDealId));
        }
    }

    /**
     * Allowed in every status: the shopper paid while the reservation held, so the sale stands even if the deal
     * ended or was canceled in the meantime.
     */
    @CommandHandler
    public void handle(SellReservedStockCommand command) {
        Integer heldQuantity = reservedQuantityByOrder.get(command.orderId());
        if (heldQuantity != null) {
            apply(new ReservedStockSoldEvent(timeDealId, command.orderId(), heldQuantity));
            return;
        }
        if (soldQuantityByOrder.containsKey(command.orderId())) {
            // The saga may deliver the sale again after a retry; the units are counted once.
            return;
        }
        throw new DomainException(
                ErrorCode.ORDER_NOT_RESERVED, "order " + command.orderId() + " holds no stock of this deal");
    }

    /**
     * Open orders are not released here: each order's saga cancels its order, which gives the stock back, and
     * leaves an order that is being paid to its payment.
     */
    @CommandHandler
    public void handle(CancelTimeDealCommand command) {
        if (status == TimeDealStatus.CANCELED) {
            throw new DomainException(ErrorCode.ALREADY_CANCELED, "the deal is already canceled");
        }
        Instant now = GenericEventMessage.clock.instant();
        if (status == TimeDealStatus.ENDED || !now.isBefore(endAt)) {
            // Decided on the clock too, so a deal past its end stays ended even if its end deadline is late.
            throw new DomainException(ErrorCode.CANNOT_CANCEL, "an ended deal cannot be canceled");
        }
        apply(new TimeDealCanceledEvent(timeDealId));
    }

    @DeadlineHandler(deadlineName = DEAL_START)
    private void startOnTime() {
        if (status == TimeDealStatus.SCHEDULED) {
            apply(new TimeDealStartedEvent(timeDealId), BY_THE_CLOCK);
        }
    }

    @DeadlineHandler(deadlineName = DEAL_END)
    private void endOnTime() {
        if (!hasFinished()) {
            apply(new TimeDealEndedEvent(timeDealId), BY_THE_CLOCK);
        }
    }

    /**
     * Applies the start or the end the clock has already passed, so that a decision is never taken on a
     * status the deal should no longer have, whether or not a scheduled transition has run yet.
     */
    private void catchUpWithClock(Instant now) {
        if (status == TimeDealStatus.SCHEDULED && !now.isBefore(startAt) && now.isBefore(endAt)) {
            apply(new TimeDealStartedEvent(timeDealId), BY_THE_CLOCK);
        }
        if (!now.isBefore(endAt) && !hasFinished()) {
            apply(new TimeDealEndedEvent(timeDealId), BY_THE_CLOCK);
        }
    }

    private boolean isOpenForOrdersAt(Instant now) {
        return !hasFinished() && !now.isBefore(startAt) && now.isBefore(endAt);
    }

    private boolean hasFinished() {
        return status == TimeDealStatus.ENDED || status == TimeDealStatus.CANCELED;
    }

    private int availableQuantity() {
        return stockQuantity - reservedQuantity - soldQuantity;
    }

    private void reject(ReserveStockCommand command, ReservationRejection reason) {
        apply(new StockReservationRejectedEvent(
                timeDealId, command.orderId(), command.quantity(), availableQuantity(), reason));
    }

    @EventSourcingHandler
    private void on(TimeDealCreatedEvent event) {
        streamId = StreamIds.timeDeal(event.timeDealId());
        timeDealId = event.timeDealId();
        productId = event.productId();
        originalPrice = event.originalPrice();
        dealPrice = event.dealPrice();
        discountRate = event.discountRate();
        status = event.status();
        startAt = event.startAt();
        endAt = event.endAt();
        stockQuantity = event.stockQuantity();
    }

    @EventSourcingHandler
    private void on(TimeDealStartedEvent event) {
        status = TimeDealStatus.ACTIVE;
    }

    @EventSourcingHandler
    private void on(TimeDealEndedEvent event) {
        status = TimeDealStatus.ENDED;
    }

    @EventSourcingHandler
    private void on(StockReservedEvent event) {
        reservedQuantity += event.quantity();
        reservedQuantityByOrder.put(event.orderId(), event.quantity());
    }

    @EventSourcingHandler
    private void on(StockReleasedEvent event) {
        reservedQuantity -= event.quantity();
        reservedQuantityByOrder.remove(event.orderId());
    }

    @EventSourcingHandler
    private void on(ReservedStockSoldEvent event) {
        reservedQuantity -= event.quantity();
        soldQuantity += event.quantity();
        reservedQuantityByOrder.remove(event.orderId());
        soldQuantityByOrder.put(event.orderId(), event.quantity());
    }

    @EventSourcingHandler
    private void on(TimeDealCanceledEvent event) {
        status = TimeDealStatus.CANCELED;
    }

    @EventSourcingHandler
    private void on(TimeDealSoldOutEvent event) {
        status = TimeDealStatus.SOLDOUT;
    }

    @EventSourcingHandler
    private void on(TimeDealReactivatedEvent event) {
        status = TimeDealStatus.ACTIVE;
    }

    public long productId() {
        return productId;
    }

    /** The deal as the contract's detail shows it, with the product it belongs to, at {@code now}. */
    public TimeDealDetail detail(ProductDetail product, Instant now) {
        return new TimeDealDetail(timeDealId, product, originalPrice, dealPrice, discountRate, stockQuantity,
                reservedQuantity, soldQuantity, availableQuantity(), startAt, endAt, status,
                status.remainingSeconds(startAt, endAt, now));
    }
}
