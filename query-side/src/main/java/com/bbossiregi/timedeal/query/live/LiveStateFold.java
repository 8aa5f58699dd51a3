package com.bbossiregi.timedeal.query.live;

import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservationRejectedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCanceledEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealProductStatusChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealEndedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealLiveState;
import com.bbossiregi.timedeal.api.timedeal.TimeDealReactivatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealSoldOutEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStartedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import java.time.Instant;
import java.util.Set;

/**
 * A deal's live state computed from the deal's own events only (not from orders, whose shape may change), the same
 * arithmetic as the TimeDeal aggregate: available = stock - reserved - sold.
 */
final class LiveStateFold {

    /** Every event type the TimeDeal aggregate records; each advances the deal's sequence. */
    static final Set<Class<?>> DEAL_EVENTS = Set.of(
            TimeDealCreatedEvent.class, StockReservedEvent.class, StockReleasedEvent.class,
            ReservedStockSoldEvent.class, StockReservationRejectedEvent.class, TimeDealSoldOutEvent.class,
            TimeDealReactivatedEvent.class, TimeDealStartedEvent.class, TimeDealEndedEvent.class,
            TimeDealCanceledEvent.class, TimeDealChangedEvent.class, TimeDealProductStatusChangedEvent.class);

    private LiveStateFold() {
    }

    /**
     * @param before the state before the event, null only for the creation
     * @param timestamp the event's timestamp, the state's {@code changedAt}
     * @return the state after the event at {@code sequence}; {@code changed} tells whether a client sees a difference
     */
    static Step apply(TimeDealLiveState before, Object event, long sequence, Instant timestamp) {
        if (event instanceof TimeDealCreatedEvent created) {
            return new Step(new TimeDealLiveState(created.timeDealId(), created.status(), created.stockQuantity(),
                    created.stockQuantity(), 0, 0, created.startAt(), created.endAt(), sequence, timestamp), true);
        }
        if (before == null) {
            throw new IllegalStateException("Deal event at sequence " + sequence + " before the deal's creation");
        }
        int reserved = before.reservedQuantity();
        int sold = before.soldQuantity();
        TimeDealStatus status = before.status();
        int stock = before.stockQuantity();
        Instant startAt = before.startAt();
        Instant endAt = before.endAt();
        if (event instanceof TimeDealChangedEvent e) {
            // A scheduled deal's new terms: the stock and the window a storefront counts down to.
            stock = e.stockQuantity();
            startAt = e.startAt();
            endAt = e.endAt();
        } else if (event instanceof StockReservedEvent e) {
            reserved += e.quantity();
        } else if (event instanceof StockReleasedEvent e) {
            reserved -= e.quantity();
        } else if (event instanceof ReservedStockSoldEvent e) {
            reserved -= e.quantity();
            sold += e.quantity();
        } else if (event instanceof TimeDealSoldOutEvent) {
            status = TimeDealStatus.SOLDOUT;
        } else if (event instanceof TimeDealReactivatedEvent || event instanceof TimeDealStartedEvent) {
            status = TimeDealStatus.ACTIVE;
        } else if (event instanceof TimeDealEndedEvent) {
            status = TimeDealStatus.ENDED;
        } else if (event instanceof TimeDealCanceledEvent) {
            status = TimeDealStatus.CANCELED;
        }
        boolean changed = reserved != before.reservedQuantity() || sold != before.soldQuantity()
                || status != before.status() || stock != before.stockQuantity() || !startAt.equals(before.startAt())
                || !endAt.equals(before.endAt());
        TimeDealLiveState after = new TimeDealLiveState(before.timeDealId(), status, stock, stock - reserved - sold,
                reserved, sold, startAt, endAt, sequence, timestamp);
        return new Step(after, changed);
    }

    record Step(TimeDealLiveState state, boolean changed) {
    }
}
