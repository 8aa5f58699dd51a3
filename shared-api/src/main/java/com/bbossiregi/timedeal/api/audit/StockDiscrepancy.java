package com.bbossiregi.timedeal.api.audit;

import java.util.List;

/**
 * One disagreement found by a stock audit.
 *
 * @param expected the counters of the more authoritative source (the deal's events over the orders' events, events
 *                 over the read model)
 * @param actual   the counters of the other source; null when it has nothing at all (no read model row)
 * @param orderIds the orders to look at, sorted; empty when only the deal's counters disagree
 */
public record StockDiscrepancy(
        StockDiscrepancyKind kind,
        String description,
        StockCounts expected,
        StockCounts actual,
        List<String> orderIds) {

    public StockDiscrepancy {
        orderIds = List.copyOf(orderIds);
    }
}
