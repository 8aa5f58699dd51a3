package com.bbossiregi.timedeal.api.audit;

import java.util.List;

/**
 * Whether a deal's stock counters agree with its orders, each recomputed from the event store, and whether the read
 * model agrees with both.
 *
 * @param dealEvents  reserved and sold as the deal's own stream adds them up
 * @param orderEvents reserved and sold as the deal's orders' own streams add them up
 * @param readModel   the deal listing's counters; null when the listing has no row for the deal
 */
public record StockAuditReport(
        long timeDealId,
        boolean consistent,
        StockCounts dealEvents,
        StockCounts orderEvents,
        StockCounts readModel,
        List<StockDiscrepancy> discrepancies) {

    public StockAuditReport {
        discrepancies = List.copyOf(discrepancies);
    }
}
