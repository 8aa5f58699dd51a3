package com.bbossiregi.timedeal.query.audit.stock;

import com.bbossiregi.timedeal.api.audit.StockAuditReport;
import com.bbossiregi.timedeal.api.audit.StockCounts;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.projections.deallisting.DealListingRepository;
import com.bbossiregi.timedeal.projections.orderhistory.OrderHistoryRepository;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Proves, or disproves, that a deal's stock counters agree with its orders, by recomputing both from the event store
 * and holding the read models against them (the comparison itself is {@link StockComparison}).
 *
 * <p>Streams are read from their first event with {@code readEvents(streamId, 0)}, which skips snapshots: a snapshot
 * is the aggregate's own conclusion, and an audit must not take it on trust.
 *
 * <p>The deal's orders are every order its stream names (reserved or refused) and every order of the deal in the
 * order history, so that an order that never reached the deal is checked too.
 *
 * <p>The sources are read one after the other, not at one instant, and the stock moves between a deal and an order
 * in steps that follow each other within milliseconds: an order placed holds nothing until the deal's reservation
 * reaches it, a paid order holds its stock until the deal's sale confirms it, a canceled order has given its stock
 * up before the deal takes it back, and the read models follow the events. An audit taken while orders are in flight
 * may therefore report such a momentary disagreement; it is meant for a quiet deal (ended, or without traffic for a
 * moment), and a disagreement that is still there when the audit is repeated is a real one.
 *
 * <p>One stream read per order: the cost grows with the deal's orders, which is fine for an admin's audit but not
 * for a hot path.
 */
@Component
public class StockAuditor {

    private final EventStore eventStore;
    private final DealListingRepository deals;
    private final OrderHistoryRepository orders;

    public StockAuditor(@Lazy EventStore eventStore, DealListingRepository deals, OrderHistoryRepository orders) {
        this.eventStore = eventStore;
        this.deals = deals;
        this.orders = orders;
    }

    /** @throws DomainException NOT_FOUND when the event store holds no such deal */
    public StockAuditReport audit(long timeDealId) {
        List<Object> dealEvents = payloadsOf(StreamIds.timeDeal(timeDealId));
        if (dealEvents.isEmpty()) {
            throw DomainException.notFound("Time deal " + timeDealId);
        }
        DealStockLedger deal = DealStockLedger.fold(dealEvents);

        Map<String, OrderView> orderRows = new LinkedHashMap<>();
        for (OrderView row : orders.findAllByTimeDeal(timeDealId)) {
            orderRows.put(row.id(), row);
        }
        Set<String> orderIds = new LinkedHashSet<>(deal.orderIds());
        orderIds.addAll(orderRows.keySet());
        Map<String, StockPosition> orderEvents = new LinkedHashMap<>();
        for (String orderId : orderIds) {
            orderEvents.put(orderId, StockPosition.ofOrderEvents(timeDealId, payloadsOf(orderId)));
        }

        StockCounts readModelCounters = deals.findDetail(timeDealId)
                .map(detail -> new StockCounts(detail.reservedQuantity(), detail.soldQuantity()))
                .orElse(null);
        return StockComparison.compare(timeDealId, deal, orderEvents, readModelCounters, orderRows);
    }

    private List<Object> payloadsOf(String streamId) {
        return eventStore.readEvents(streamId, 0).asStream().map(EventMessage::getPayload).map(Object.class::cast)
                .toList();
    }
}
