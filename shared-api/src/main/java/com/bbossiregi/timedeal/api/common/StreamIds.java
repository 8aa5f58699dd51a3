package com.bbossiregi.timedeal.api.common;

import java.util.regex.Pattern;

/**
 * Aggregate (event stream) identifiers. Products and deals are numbered from 1 each, so their streams carry a
 * type prefix to stay apart in the one event store: deal 1 is stream {@code timedeal-1}, product 1 is
 * {@code product-1}. Orders use their UUID as it is.
 */
public final class StreamIds {

    private static final Pattern POSITIVE_NUMBER = Pattern.compile("[0-9]{1,18}");
    private static final Pattern ORDER_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private StreamIds() {
    }

    public static String timeDeal(long timeDealId) {
        return "timedeal-" + timeDealId;
    }

    public static String product(long productId) {
        return "product-" + productId;
    }

    /**
     * A product or deal id as a client writes it in a path: ASCII digits only (no sign, no {@code 0x}, no full-width
     * digits), a positive number. Anything else is a malformed request (400 BAD_REQUEST), per the contract.
     */
    public static long parseNumberedId(String value, String what) {
        if (value != null && POSITIVE_NUMBER.matcher(value).matches()) {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        }
        throw new DomainException(ErrorCode.BAD_REQUEST, what + " id must be a positive integer");
    }

    /**
     * An order id as a client writes it in a path: the UUID the API returned. Any other string (another aggregate's
     * stream id such as {@code timedeal-7}, a number) names no order: 404 NOT_FOUND.
     */
    public static String requireOrderId(String value) {
        if (value == null || !ORDER_ID.matcher(value).matches()) {
            throw DomainException.notFound("Order");
        }
        return value;
    }
}
