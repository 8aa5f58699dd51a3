package com.bbossiregi.timedeal.api.audit;

/** A deal's stock counters as one source tells them: units held for unpaid orders, and units sold. */
public record StockCounts(int reserved, int sold) {

    public static final StockCounts NONE = new StockCounts(0, 0);

    public StockCounts plus(StockCounts other) {
        return new StockCounts(reserved + other.reserved, sold + other.sold);
    }
}
