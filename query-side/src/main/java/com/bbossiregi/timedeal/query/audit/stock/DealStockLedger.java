package com.bbossiregi.timedeal.query.audit.stock;

import com.bbossiregi.timedeal.api.audit.StockCounts;
import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservationRejectedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deal's own account of its stock, folded from its stream: the counters as the events move them, and per order
 * what the deal holds for it or sold to it.
 *
 * <p>The counters are folded on their own rather than summed from the per-order positions, so that a stream whose
 * counters and orders drift apart shows up as a disagreement with the orders instead of being hidden by the sum.
 *
 * @param counters        reserved and sold as the stream moves them
 * @param positionByOrder every order the stream names (reserved, refused, released or sold), in order of first
 *                        mention, with what the deal has for it now
 */
public record DealStockLedger(StockCounts counters, Map<String, StockPosition> positionByOrder) {

    public DealStockLedger {
        positionByOrder = Collections.unmodifiableMap(new LinkedHashMap<>(positionByOrder));
    }

    public static DealStockLedger fold(List<?> dealEvents) {
        int reserved = 0;
        int sold = 0;
        Map<String, StockPosition> positions = new LinkedHashMap<>();
        for (Object event : dealEvents) {
            if (event instanceof StockReservedEvent reservation) {
                reserved += reservation.quantity();
                positions.put(reservation.orderId(), StockPosition.held(reservation.quantity()));
            } else if (event instanceof StockReservationRejectedEvent rejection) {
                positions.putIfAbsent(rejection.orderId(), StockPosition.NOTHING);
            } else if (event instanceof StockReleasedEvent release) {
                reserved -= release.quantity();
                positions.put(release.orderId(), StockPosition.NOTHING);
            } else if (event instanceof ReservedStockSoldEvent sale) {
                reserved -= sale.quantity();
                sold += sale.quantity();
                positions.put(sale.orderId(), StockPosition.sold(sale.quantity()));
            }
        }
        return new DealStockLedger(new StockCounts(reserved, sold), positions);
    }

    public Set<String> orderIds() {
        return positionByOrder.keySet();
    }

    public StockPosition positionOf(String orderId) {
        return positionByOrder.getOrDefault(orderId, StockPosition.NOTHING);
    }
}
