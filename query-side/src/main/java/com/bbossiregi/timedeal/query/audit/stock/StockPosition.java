package com.bbossiregi.timedeal.query.audit.stock;

import com.bbossiregi.timedeal.api.audit.StockCounts;
import com.bbossiregi.timedeal.api.order.OrderConfirmedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.order.OrderView;
import java.util.Collection;
import java.util.List;

/** What one order has of a deal's stock: units held for it, units sold to it, or nothing. */
public record StockPosition(State state, int quantity) {

    public enum State {
        NOTHING,
        HELD,
        SOLD
    }

    public static final StockPosition NOTHING = new StockPosition(State.NOTHING, 0);

    public StockPosition {
        if (state == State.NOTHING && quantity != 0) {
            throw new IllegalArgumentException("an order with nothing has no quantity");
        }
    }

    public static StockPosition held(int quantity) {
        return new StockPosition(State.HELD, quantity);
    }

    public static StockPosition sold(int quantity) {
        return new StockPosition(State.SOLD, quantity);
    }

    /**
     * The order's own account, from its stream: it holds what its last reservation named until it gives the stock
     * back or is confirmed, and a confirmed order was sold what the confirmation names. Events of another deal are
     * not this deal's stock, so they are left out.
     */
    public static StockPosition ofOrderEvents(long timeDealId, List<?> orderEvents) {
        StockPosition position = NOTHING;
        for (Object event : orderEvents) {
            if (event instanceof OrderReservedEvent reserved && reserved.timeDealId() == timeDealId) {
                position = held(reserved.quantity());
            } else if (event instanceof OrderStockReleasedEvent released && released.timeDealId() == timeDealId) {
                position = NOTHING;
            } else if (event instanceof OrderConfirmedEvent confirmed && confirmed.timeDealId() == timeDealId) {
                position = sold(confirmed.quantity());
            }
        }
        return position;
    }

    /** The order history's account: a reserved row holds its quantity, a confirmed row was sold it; no row, nothing. */
    public static StockPosition ofOrderRow(OrderView row) {
        if (row == null) {
            return NOTHING;
        }
        return switch (row.status()) {
            case RESERVED -> held(row.quantity());
            case CONFIRMED -> sold(row.quantity());
            case PENDING, CANCELED, FAILED -> NOTHING;
        };
    }

    public static StockCounts total(Collection<StockPosition> positions) {
        StockCounts total = StockCounts.NONE;
        for (StockPosition position : positions) {
            total = total.plus(position.counts());
        }
        return total;
    }

    public StockCounts counts() {
        return switch (state) {
            case NOTHING -> StockCounts.NONE;
            case HELD -> new StockCounts(quantity, 0);
            case SOLD -> new StockCounts(0, quantity);
        };
    }

    /** For a discrepancy's description: "held 2", "sold 1", "nothing". */
    public String describe() {
        return switch (state) {
            case NOTHING -> "nothing";
            case HELD -> "held " + quantity;
            case SOLD -> "sold " + quantity;
        };
    }
}
