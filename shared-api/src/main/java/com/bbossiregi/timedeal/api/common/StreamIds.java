package com.bbossiregi.timedeal.api.common;

/**
 * Aggregate (event stream) identifiers. Products and deals are numbered from 1 each, so their streams carry a
 * type prefix to stay apart in the one event store: deal 1 is stream {@code timedeal-1}, product 1 is
 * {@code product-1}. Orders use their UUID as it is.
 */
public final class StreamIds {

    private StreamIds() {
    }

    public static String timeDeal(long timeDealId) {
        return "timedeal-" + timeDealId;
    }

    public static String product(long productId) {
        return "product-" + productId;
    }
}
