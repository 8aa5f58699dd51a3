package com.bbossiregi.timedeal.query.audit.stock;

import com.bbossiregi.timedeal.api.audit.StockAuditReport;
import com.bbossiregi.timedeal.api.audit.StockCounts;
import com.bbossiregi.timedeal.api.audit.StockDiscrepancy;
import com.bbossiregi.timedeal.api.audit.StockDiscrepancyKind;
import com.bbossiregi.timedeal.api.order.OrderView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares the three accounts of a deal's stock, with no I/O: what the deal's stream says, what its orders' streams
 * say, and what the read models show. The deal's events are the authority on the stock (the deal decides who gets
 * it), the events are the authority over the read model (a read model is only derived from them).
 *
 * <p>Everything is compared as stock positions: an order row by the stock its status implies (reserved holds its
 * quantity, confirmed was sold it, anything else nothing). A row that is wrong in a way that moves no stock (failed
 * where the events say canceled) is outside this audit.
 */
public final class StockComparison {

    /** A description names this many orders at most; the discrepancy's order ids still list them all. */
    static final int ORDERS_DESCRIBED = 10;

    private StockComparison() {
    }

    /**
     * @param orderEvents         each order's position from its own stream, for every order of the deal
     * @param readModelCounters   the deal listing's counters, null when it has no row for the deal
     * @param orderRows           the order history's rows of the deal's orders, by order id; an order without a row
     *                            is missing from the map
     */
    public static StockAuditReport compare(long timeDealId, DealStockLedger deal, Map<String, StockPosition> orderEvents,
                                           StockCounts readModelCounters, Map<String, OrderView> orderRows) {
        SortedSet<String> orders = new TreeSet<>(deal.orderIds());
        orders.addAll(orderEvents.keySet());
        orders.addAll(orderRows.keySet());
        Function<String, StockPosition> byOrderEvents = id -> orderEvents.getOrDefault(id, StockPosition.NOTHING);
        StockCounts orderTotals = StockPosition.total(orders.stream().map(byOrderEvents).toList());

        List<StockDiscrepancy> discrepancies = new ArrayList<>();
        dealAgainstOrders(deal, orders, byOrderEvents, orderTotals).ifPresent(discrepancies::add);
        readModelCountersAgainstDeal(deal, readModelCounters).ifPresent(discrepancies::add);
        orderRowsAgainstOrderEvents(orders, byOrderEvents, orderTotals, orderRows).ifPresent(discrepancies::add);
        return new StockAuditReport(timeDealId, discrepancies.isEmpty(), deal.counters(), orderTotals, readModelCounters,
                discrepancies);
    }

    /**
     * Also reported when no single order disagrees but the totals do: then the deal's counters have drifted from
     * its own per-order record, which only a damaged stream can do.
     */
    private static Optional<StockDiscrepancy> dealAgainstOrders(
            DealStockLedger deal, SortedSet<String> orders, Function<String, StockPosition> byOrderEvents,
            StockCounts orderTotals) {
        List<String> disagreeing = orders.stream()
                .filter(id -> !deal.positionOf(id).equals(byOrderEvents.apply(id)))
                .toList();
        if (disagreeing.isEmpty() && deal.counters().equals(orderTotals)) {
            return Optional.empty();
        }
        String description = disagreeing.isEmpty()
                ? "The deal's counters " + counts(deal.counters()) + " do not add up to what its orders hold and bought "
                        + counts(orderTotals) + ", though every order agrees with the deal's record of it"
                : "The deal's events and the orders' own events disagree on " + orderCount(disagreeing.size())
                        + " (deal's events vs order's events): "
                        + describe(disagreeing, id -> deal.positionOf(id).describe() + " vs "
                                + byOrderEvents.apply(id).describe());
        return Optional.of(new StockDiscrepancy(StockDiscrepancyKind.ORDER_EVENTS_DISAGREE_WITH_DEAL_EVENTS,
                description, deal.counters(), orderTotals, disagreeing));
    }

    private static Optional<StockDiscrepancy> readModelCountersAgainstDeal(
            DealStockLedger deal, StockCounts readModelCounters) {
        if (readModelCounters == null) {
            return Optional.of(new StockDiscrepancy(
                    StockDiscrepancyKind.READ_MODEL_COUNTERS_DISAGREE_WITH_DEAL_EVENTS,
                    "The deal listing has no row for the deal, whose events add up to " + counts(deal.counters()),
                    deal.counters(), null, List.of()));
        }
        if (readModelCounters.equals(deal.counters())) {
            return Optional.empty();
        }
        return Optional.of(new StockDiscrepancy(
                StockDiscrepancyKind.READ_MODEL_COUNTERS_DISAGREE_WITH_DEAL_EVENTS,
                "The deal listing shows " + counts(readModelCounters) + " where the deal's events add up to "
                        + counts(deal.counters()),
                deal.counters(), readModelCounters, List.of()));
    }

    private static Optional<StockDiscrepancy> orderRowsAgainstOrderEvents(
            SortedSet<String> orders, Function<String, StockPosition> byOrderEvents, StockCounts orderTotals,
            Map<String, OrderView> orderRows) {
        Function<String, StockPosition> byRow = id -> StockPosition.ofOrderRow(orderRows.get(id));
        List<String> disagreeing = orders.stream()
                .filter(id -> !byRow.apply(id).equals(byOrderEvents.apply(id)))
                .toList();
        if (disagreeing.isEmpty()) {
            return Optional.empty();
        }
        StockCounts rowTotals = StockPosition.total(orders.stream().map(byRow).toList());
        String description = "The order history disagrees with the orders' events on " + orderCount(disagreeing.size())
                + " (order's events vs its row): "
                + describe(disagreeing, id -> byOrderEvents.apply(id).describe() + " vs " + row(orderRows.get(id)));
        return Optional.of(new StockDiscrepancy(
                StockDiscrepancyKind.READ_MODEL_ORDERS_DISAGREE_WITH_ORDER_EVENTS,
                description, orderTotals, rowTotals, disagreeing));
    }

    private static String row(OrderView row) {
        return row == null ? "no row" : row.status().name().toLowerCase(Locale.ROOT) + " " + row.quantity();
    }

    private static String describe(List<String> orderIds, Function<String, String> whatDiffers) {
        String described = orderIds.stream()
                .limit(ORDERS_DESCRIBED)
                .map(id -> id + ": " + whatDiffers.apply(id))
                .collect(Collectors.joining("; "));
        int more = orderIds.size() - ORDERS_DESCRIBED;
        return more > 0 ? described + "; and " + more + " more" : described;
    }

    private static String orderCount(int count) {
        return count == 1 ? "1 order" : count + " orders";
    }

    private static String counts(StockCounts counts) {
        return "reserved " + counts.reserved() + ", sold " + counts.sold();
    }
}
