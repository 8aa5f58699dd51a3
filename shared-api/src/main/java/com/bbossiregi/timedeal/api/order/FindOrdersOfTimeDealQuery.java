package com.bbossiregi.timedeal.api.order;

import com.bbossiregi.timedeal.api.common.PageRequest;

/** An admin's view of a deal's orders, oldest first; {@code status} null lists every status. */
public record FindOrdersOfTimeDealQuery(long timeDealId, OrderStatus status, PageRequest page) {
}
