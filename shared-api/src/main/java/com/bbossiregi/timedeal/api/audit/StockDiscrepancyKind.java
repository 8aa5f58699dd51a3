package com.bbossiregi.timedeal.api.audit;

/** Which two sources of a {@link StockAuditReport} disagree. */
public enum StockDiscrepancyKind {
    /** The deal's own stream and the streams of its orders tell a different story for some orders. */
    ORDER_EVENTS_DISAGREE_WITH_DEAL_EVENTS,
    /** The deal listing's counters are not what the deal's stream adds up to. */
    READ_MODEL_COUNTERS_DISAGREE_WITH_DEAL_EVENTS,
    /** Some order history rows are not what their orders' streams say. */
    READ_MODEL_ORDERS_DISAGREE_WITH_ORDER_EVENTS
}
