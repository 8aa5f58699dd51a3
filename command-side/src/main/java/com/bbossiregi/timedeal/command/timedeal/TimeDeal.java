package com.bbossiregi.timedeal.command.timedeal;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.OrderRejection;
import com.bbossiregi.timedeal.api.order.PlaceOrderCommand;
import com.bbossiregi.timedeal.api.order.PlaceOrdersCommand;
import com.bbossiregi.timedeal.api.order.PlacedOrder;
import com.bbossiregi.timedeal.api.order.PlacedOrders;
import com.bbossiregi.timedeal.command.order.Order;
import com.bbossiregi.timedeal.command.order.OrderHolds;
import com.bbossiregi.timedeal.command.order.ReservationHold;
import com.bbossiregi.timedeal.command.support.FieldErrors;
import com.bbossiregi.timedeal.api.product.ProductStatus;
import com.bbossiregi.timedeal.api.timedeal.CancelTimeDealCommand;
import com.bbossiregi.timedeal.api.timedeal.ChangeTimeDealCommand;
import com.bbossiregi.timedeal.api.timedeal.RecordProductStatusCommand;
import com.bbossiregi.timedeal.api.timedeal.TimeDealChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealProductStatusChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.CreateTimeDealCommand;
import com.bbossiregi.timedeal.api.timedeal.ReleaseStockCommand;
import com.bbossiregi.timedeal.api.timedeal.ReservationHoldsEndedEvent;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.SellReservedStockCommand;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
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
import com.bbossiregi.timedeal.command.support.Metadata;
import com.bbossiregi.timedeal.command.support.StoredByFields;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A time deal and its stock: the one place that decides whether an order gets stock, so that overselling
 * cannot happen. Stock is only ever handed out by {@link #handle(PlaceOrderCommand)}, which refuses any
 * quantity above what is available or above what the deal lets one shopper hold, and opens the order in the same unit
 * of work; every state change happens in an event sourcing handler.
 *
 * <p>Business refusals of an order are events, not exceptions: the refused order is opened as failed
 * ({@code OrderFailedEvent} on its own stream), so that the shopper's retry, an auditor and the read models all learn
 * the same outcome.
 *
 * <p>The deal's start and end are deadlines, so the status changes at the exact instant. Commands still catch
 * up with the clock themselves, because a deadline may run late (a restart, a busy scheduler); both paths
 * check the status first, so whichever comes second does nothing.
 *
 * <p>The revision is the shape of the deal's snapshot: Axon loads only a snapshot of the same revision (older ones are
 * passed over and the deal is rebuilt from its events, then snapshotted anew). Revision 2 stores the orders as
 * {@link OrderTable}s; snapshots taken before had none. Revision 3 keeps each reservation's hold end in the table,
 * revision 4 keeps it in whole seconds (32 bytes an order instead of 36).
 *
 * <p>The deal keeps its reservations' holds (ADR 0019): each reservation records when its hold ends, and the deal has
 * one durable deadline of its own, at the earliest end. When it fires, the deal ends the holds that are due in that
 * unit of work: an unpaid order is canceled by the system and its stock comes back; an order being paid gets its
 * payment's grace; an order canceled earlier whose stock never came back (its canceling node died) gives it back now.
 */
@Revision("4")
@Aggregate(cache = "timeDealCache", snapshotTriggerDefinition = "timeDealSnapshotTrigger", lockFactory = "aggregateLocks")
@StoredByFields
public class TimeDeal {

    static final String DEAL_START = "deal-start";
    static final String DEAL_END = "deal-end";
    static final String HOLDS_END = "holds-end";
    /**
     * The most holds one look ends, so that a flash sale's thousands of holds ending in the same second do not hold the
     * deal's lock for one long unit of work; the rest are ended by the next look, scheduled at once.
     */
    static final int HOLDS_PER_LOOK = 200;

    /** A scheduled look at the holds: which one ({@link #holdChecks}), so that a superseded one does nothing. */
    public record HoldsLook(long check) {
    }


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
    /** Active reservations only, with their shoppers; an order leaves this table when its stock is released or sold. */
    private OrderTable reservations = new OrderTable();
    /**
     * Paid orders, kept so that a repeated sale is recognised and a sold order can never be released. Every entry is
     * at least one unit, so the table never outgrows the stock.
     */
    private OrderTable sales = new OrderTable();
    /** The most units one shopper may hold (reserved and sold) at once; null for no limit. */
    private Integer maxPerShopper;
    /** Units reserved or sold per shopper, counted against {@link #maxPerShopper}. */
    private HashMap<Long, Integer> heldByShopper = new HashMap<>();
    /** The product's status as last recorded; a scheduled deal starts only while it is active. */
    private ProductStatus productStatus = ProductStatus.ACTIVE;
    /** Whether a look at the holds is scheduled; at most one is, and it is the {@link #holdChecks}-th. */
    private boolean holdCheckPending;
    /** How many looks at the holds were scheduled so far: a deadline of an earlier one finds itself superseded. */
    private long holdChecks;

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
                initialStatus,
                command.maxPerShopper()));
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

    /**
     * Decides an order and opens it, in one unit of work: the stock it holds (if any) and the order's own first events
     * are stored together or not at all, so a placed order is one commit on this deal's stream and the answer is the
     * outcome. A repeated command for an order this deal already holds stock for changes nothing.
     */
    @CommandHandler
    public PlacedOrder handle(PlaceOrderCommand command, ReservationHold hold, DeadlineManager deadlineManager)
            throws Exception {
        return place(command, MetaData.emptyInstance(), hold, deadlineManager);
    }

    /**
     * Group commit: decides several orders one after the other, each as {@link #handle(PlaceOrderCommand)} would, and
     * stores them all in this one unit of work, so orders queued on the deal share one commit. Each order's events
     * carry its own request's metadata. An order id named twice is opened once; the second answers as a repeat.
     */
    @CommandHandler
    public PlacedOrders handle(PlaceOrdersCommand command, ReservationHold hold, DeadlineManager deadlineManager)
            throws Exception {
        List<PlacedOrder> placements = new ArrayList<>(command.orders().size());
        Set<String> opened = new HashSet<>();
        for (PlaceOrdersCommand.Order order : command.orders()) {
            PlaceOrderCommand placement = order.command();
            if (placement.timeDealId() != timeDealId) {
                throw new IllegalArgumentException("Order " + placement.orderId() + " is not for deal " + timeDealId);
            }
            placements.add(opened.add(placement.orderId())
                    ? place(placement, MetaData.from(order.metaData()), hold, deadlineManager)
                    : PlacedOrder.alreadyPlaced());
        }
        return new PlacedOrders(placements);
    }

    /** @param request what the order's events record of its request; empty when the command's own metadata says it */
    private PlacedOrder place(PlaceOrderCommand command, MetaData request, ReservationHold hold,
                              DeadlineManager deadlineManager) throws Exception {
        if (command.quantity() <= 0) {
            // Not the request's 1..10 rule (the HTTP edge has it): a non-positive quantity would add stock here.
            throw new DomainException(ErrorCode.INVALID_QUANTITY, "quantity must be at least 1",
                    Map.of("min", 1, "requested", command.quantity()));
        }
        if (reservations.contains(command.orderId()) || sales.contains(command.orderId())) {
            return PlacedOrder.alreadyPlaced();
        }
        Instant now = GenericEventMessage.clock.instant();
        catchUpWithClock(now);
        OrderRejection rejection = rejectionOf(command, now);
        if (rejection == null) {
            // On a whole second, as the deal's table keeps it: the hold lasts up to a second longer, never shorter.
            Instant holdEndsAt = Instant.ofEpochSecond(OrderTable.holdEndSecond(now.plus(hold.hold())));
            boolean firstHold = !holdCheckPending;
            apply(new StockReservedEvent(timeDealId, command.orderId(), command.quantity(), command.userId(),
                    holdEndsAt), request);
            if (firstHold) {
                // Only when no look is pending: later holds end later, and the look finds them.
                deadlineManager.schedule(holdEndsAt, HOLDS_END, new HoldsLook(holdChecks));
            }
            if (availableQuantity() == 0) {
                apply(new TimeDealSoldOutEvent(timeDealId), request);
            }
        }
        org.axonframework.modelling.command.Aggregate<Order> order = createNew(Order.class, () -> new Order(
                command.orderId(), command.userId(), timeDealId, command.quantity(), dealPrice, rejection, request));
        return order.invoke(Order::placement);
    }

    private OrderRejection rejectionOf(PlaceOrderCommand command, Instant now) {
        if (!isOpenForOrdersAt(now)) {
            return rejection(ReservationRejection.DEAL_NOT_ACTIVE, command, null, null);
        }
        if (maxPerShopper != null) {
            int held = heldByShopper.getOrDefault(command.userId(), 0);
            if (held + command.quantity() > maxPerShopper) {
                return rejection(ReservationRejection.PURCHASE_LIMIT_EXCEEDED, command, maxPerShopper, held);
            }
        }
        if (command.quantity() > availableQuantity()) {
            return rejection(ReservationRejection.INSUFFICIENT_STOCK, command, null, null);
        }
        return null;
    }

    private OrderRejection rejection(ReservationRejection reason, PlaceOrderCommand command, Integer limit, Integer held) {
        return new OrderRejection(reason, command.quantity(), availableQuantity(), limit, held);
    }

    @CommandHandler
    public void handle(ReleaseStockCommand command) {
        if (sales.contains(command.orderId())) {
            // A paid order's units are counted as sold; handing them out again would oversell.
            throw new DomainException(ErrorCode.CANNOT_CANCEL, "order " + command.orderId() + " was already sold");
        }
        release(command.orderId(), GenericEventMessage.clock.instant(), MetaData.emptyInstance());
    }

    private void release(String orderId, Instant now, MetaData metaData) {
        int heldQuantity = reservations.quantity(orderId);
        if (heldQuantity == 0) {
            // Never reserved or already released: releasing again must not hand the stock out twice.
            return;
        }
        catchUpWithClock(now);
        apply(new StockReleasedEvent(timeDealId, orderId, heldQuantity), metaData);
        if (status == TimeDealStatus.SOLDOUT && now.isBefore(endAt)) {
            apply(new TimeDealReactivatedEvent(timeDealId), metaData);
        }
    }

    /**
     * The look at the holds: ends those due (at most {@link #HOLDS_PER_LOOK}), each order deciding in this unit of
     * work what its hold's end means for it, takes back the stock of those that gave it up, and schedules the next
     * look, at the earliest hold end left but not sooner than {@code timedeal.orders.hold-check-spacing} from now
     * (at once while due holds are left). A deadline of a look that was superseded does nothing.
     */
    @DeadlineHandler(deadlineName = HOLDS_END)
    private void endHolds(HoldsLook look, OrderHolds orders, ReservationHold hold, DeadlineManager deadlineManager) {
        if (holdCheckPending && look.check() == holdChecks) {
            // A look that runs late (a restart) ends every hold due by now, not only those due by its time.
            lookAtHolds(GenericEventMessage.clock.instant(), orders, hold, deadlineManager);
        }
    }

    /**
     * Ends the holds due by {@code now}, or, once the deal is canceled, every hold it keeps (ADR 0012: its unpaid
     * orders are canceled, a payment under way has its grace to finish).
     */
    private void lookAtHolds(Instant now, OrderHolds orders, ReservationHold hold, DeadlineManager deadlineManager) {
        boolean canceled = status == TimeDealStatus.CANCELED;
        OrderTable.DueHolds due = reservations.dueHolds(canceled ? Long.MAX_VALUE : now.getEpochSecond(), HOLDS_PER_LOOK);
        Instant next = null;
        if (due.nextHoldEnd() != 0) {
            Instant nextEnd = Instant.ofEpochSecond(due.nextHoldEnd());
            Instant spaced = now.plus(hold.checkSpacing());
            // Holds left over from a full look (or any, once canceled) end at once; the others on time, spaced.
            next = canceled || !nextEnd.isAfter(now) ? now : (nextEnd.isAfter(spaced) ? nextEnd : spaced);
        }
        // A canceled deal's holds end on the admin's word (the actor of this unit of work), the others on the clock.
        MetaData by = canceled ? MetaData.emptyInstance() : Metadata.BY_THE_CLOCK;
        CancellationReason reason = canceled ? CancellationReason.DEAL_CANCELED : CancellationReason.RESERVATION_EXPIRED;
        apply(new ReservationHoldsEndedEvent(timeDealId, due.orderIds(), next), by);
        for (String orderId : due.orderIds()) {
            if (orders.endHold(orderId, reason, by, deadlineManager, hold.paymentGrace())) {
                release(orderId, now, by);
            }
        }
        if (next != null) {
            deadlineManager.schedule(next, HOLDS_END, new HoldsLook(holdChecks));
        }
    }

    /**
     * Allowed in every status: the shopper paid while the reservation held, so the sale stands even if the deal
     * ended or was canceled in the meantime.
     */
    @CommandHandler
    public void handle(SellReservedStockCommand command) {
        int heldQuantity = reservations.quantity(command.orderId());
        if (heldQuantity > 0) {
            apply(new ReservedStockSoldEvent(timeDealId, command.orderId(), heldQuantity));
            return;
        }
        if (sales.contains(command.orderId())) {
            // The saga may deliver the sale again after a retry; the units are counted once.
            return;
        }
        throw new DomainException(
                ErrorCode.ORDER_NOT_RESERVED, "order " + command.orderId() + " holds no stock of this deal");
    }

    /**
     * Ends the holds of the deal's open orders in this unit of work (up to {@link #HOLDS_PER_LOOK}; the rest at once by
     * the look's deadline): an unpaid order is canceled and its stock comes back, an order being paid is left to its
     * payment, with a grace. Orders reserved before ADR 0019 are canceled by their sagas.
     */
    @CommandHandler
    public void handle(CancelTimeDealCommand command, OrderHolds orders, ReservationHold hold,
                       DeadlineManager deadlineManager) {
        if (status == TimeDealStatus.CANCELED) {
            throw new DomainException(ErrorCode.ALREADY_CANCELED, "the deal is already canceled");
        }
        Instant now = GenericEventMessage.clock.instant();
        if (status == TimeDealStatus.ENDED || !now.isBefore(endAt)) {
            // Decided on the clock too, so a deal past its end stays ended even if its end deadline is late.
            throw new DomainException(ErrorCode.CANNOT_CANCEL, "an ended deal cannot be canceled");
        }
        apply(new TimeDealCanceledEvent(timeDealId));
        if (holdCheckPending) {
            lookAtHolds(now, orders, hold, deadlineManager);
        }
    }

    /**
     * Changes a deal that has not started: the terms as the admin gives them, checked together, and the start and end
     * deadlines moved with the times. Once the deal has started (or its start has passed), it keeps its terms.
     */
    @CommandHandler
    public void handle(ChangeTimeDealCommand command, DeadlineManager deadlineManager) {
        Instant now = GenericEventMessage.clock.instant();
        catchUpWithClock(now);
        if (status != TimeDealStatus.SCHEDULED) {
            throw new DomainException(ErrorCode.DEAL_ALREADY_STARTED,
                    "only a scheduled deal can be changed; this one is " + status.name().toLowerCase());
        }
        long newOriginalPrice = command.originalPrice() != null ? command.originalPrice() : originalPrice;
        long newDealPrice = command.dealPrice() != null ? command.dealPrice() : dealPrice;
        int newStock = command.stockQuantity() != null ? command.stockQuantity() : stockQuantity;
        Instant newStart = command.startAt() != null ? command.startAt() : startAt;
        Instant newEnd = command.endAt() != null ? command.endAt() : endAt;
        Integer newLimit = command.maxPerShopper() != null ? command.maxPerShopper() : maxPerShopper;
        new FieldErrors()
                .check(newDealPrice < newOriginalPrice, "deal_price", "must be less than original_price")
                .check(newStart.isBefore(newEnd), "end_at", "must be after start_at")
                .check(now.isBefore(newStart), "start_at", "must be in the future: a change keeps the deal scheduled")
                .throwIfAny();
        boolean startMoved = !newStart.equals(startAt);
        boolean endMoved = !newEnd.equals(endAt);
        apply(new TimeDealChangedEvent(timeDealId, newOriginalPrice, newDealPrice,
                discountRate(newOriginalPrice, newDealPrice), newStock, newStart, newEnd, newLimit));
        if (startMoved) {
            deadlineManager.cancelAllWithinScope(DEAL_START);
            deadlineManager.schedule(newStart, DEAL_START);
        }
        if (endMoved) {
            deadlineManager.cancelAllWithinScope(DEAL_END);
            deadlineManager.schedule(newEnd, DEAL_END);
        }
    }

    /** A scheduled deal whose product is not active does not start; it starts once the product is active again. */
    @CommandHandler
    public void handle(RecordProductStatusCommand command) {
        if (hasFinished()) {
            return;
        }
        if (command.productStatus() != productStatus) {
            apply(new TimeDealProductStatusChangedEvent(timeDealId, command.productStatus()));
        }
        catchUpWithClock(GenericEventMessage.clock.instant());
    }

    /** A change of times cancels and reschedules these deadlines, so the one that fires is the deal's own. */
    @DeadlineHandler(deadlineName = DEAL_START)
    private void startOnTime() {
        if (status == TimeDealStatus.SCHEDULED && productStatus == ProductStatus.ACTIVE) {
            apply(new TimeDealStartedEvent(timeDealId), Metadata.BY_THE_CLOCK);
        }
    }

    @DeadlineHandler(deadlineName = DEAL_END)
    private void endOnTime() {
        if (!hasFinished()) {
            apply(new TimeDealEndedEvent(timeDealId), Metadata.BY_THE_CLOCK);
        }
    }

    private boolean canStartAt(Instant now) {
        return status == TimeDealStatus.SCHEDULED && productStatus == ProductStatus.ACTIVE
                && !now.isBefore(startAt) && now.isBefore(endAt);
    }

    /**
     * Applies the start or the end the clock has already passed, so that a decision is never taken on a
     * status the deal should no longer have, whether or not a scheduled transition has run yet.
     */
    private void catchUpWithClock(Instant now) {
        if (canStartAt(now)) {
            apply(new TimeDealStartedEvent(timeDealId), Metadata.BY_THE_CLOCK);
        }
        if (!now.isBefore(endAt) && !hasFinished()) {
            apply(new TimeDealEndedEvent(timeDealId), Metadata.BY_THE_CLOCK);
        }
    }

    /** After catching up with the clock: started (a scheduled deal past its start has an inactive product). */
    private boolean isOpenForOrdersAt(Instant now) {
        return (status == TimeDealStatus.ACTIVE || status == TimeDealStatus.SOLDOUT)
                && !now.isBefore(startAt) && now.isBefore(endAt);
    }

    private boolean hasFinished() {
        return status == TimeDealStatus.ENDED || status == TimeDealStatus.CANCELED;
    }

    private int availableQuantity() {
        return stockQuantity - reservedQuantity - soldQuantity;
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
        maxPerShopper = event.maxPerShopper();
    }

    @EventSourcingHandler
    private void on(TimeDealChangedEvent event) {
        originalPrice = event.originalPrice();
        dealPrice = event.dealPrice();
        discountRate = event.discountRate();
        stockQuantity = event.stockQuantity();
        startAt = event.startAt();
        endAt = event.endAt();
        maxPerShopper = event.maxPerShopper();
    }

    @EventSourcingHandler
    private void on(TimeDealProductStatusChangedEvent event) {
        productStatus = event.productStatus();
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
        // A reservation recorded before revision 3 has its hold kept by its order's saga.
        long holdEnd = event.holdEndsAt() == null ? 0 : OrderTable.holdEndSecond(event.holdEndsAt());
        reservations.put(event.orderId(), event.quantity(), event.userId(), holdEnd);
        heldByShopper.merge(event.userId(), event.quantity(), Integer::sum);
        if (holdEnd != 0 && !holdCheckPending) {
            // The reservation that found no look pending scheduled one at its hold's end.
            holdCheckPending = true;
            holdChecks++;
        }
    }

    @EventSourcingHandler
    private void on(ReservationHoldsEndedEvent event) {
        event.orderIds().forEach(reservations::endHold);
        holdCheckPending = event.nextCheckAt() != null;
        if (holdCheckPending) {
            holdChecks++;
        }
    }

    @EventSourcingHandler
    private void on(StockReleasedEvent event) {
        reservedQuantity -= event.quantity();
        OrderTable.Holding released = reservations.remove(event.orderId());
        if (released != null) {
            heldByShopper.computeIfPresent(released.shopper(),
                    (id, held) -> held > event.quantity() ? held - event.quantity() : null);
        }
    }

    @EventSourcingHandler
    private void on(ReservedStockSoldEvent event) {
        reservedQuantity -= event.quantity();
        soldQuantity += event.quantity();
        // Sold units stay counted against the shopper's limit.
        OrderTable.Holding sold = reservations.remove(event.orderId());
        sales.put(event.orderId(), event.quantity(), sold == null ? 0 : sold.shopper(), 0);
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
                status.remainingSeconds(startAt, endAt, now), maxPerShopper);
    }
}
