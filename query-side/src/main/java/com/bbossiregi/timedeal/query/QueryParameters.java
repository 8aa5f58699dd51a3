package com.bbossiregi.timedeal.query;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the query endpoints' raw parameters. They arrive as text and are checked here, so that a wrong value
 * is the contract's 400 BAD_REQUEST with a message naming the parameter, never a 500 or a framework error.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** @return the status in any letter case, or null (every status) when absent or blank */
    static TimeDealStatus dealStatus(String value) {
        return status(value, TimeDealStatus.class);
    }

    /** @return the value of {@code type} named in any letter case, or null when absent or blank */
    static <E extends Enum<E>> E status(String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String expected = Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new DomainException(ErrorCode.BAD_REQUEST,
                    "Parameter 'status' has an invalid value '" + value + "'; expected one of " + expected);
        }
    }

    /** Deal ids are positive integers; anything else cannot name a deal and is a malformed request. */
    public static long dealId(String value) {
        return positiveId(value, "Time deal");
    }

    /** Product ids are positive integers, like deal ids. */
    public static long productId(String value) {
        return positiveId(value, "Product");
    }

    private static long positiveId(String value, String what) {
        long id;
        try {
            id = Long.parseLong(value);
        } catch (NumberFormatException e) {
            id = 0;
        }
        if (id <= 0) {
            throw new DomainException(ErrorCode.BAD_REQUEST,
                    what + " id must be a positive integer, got '" + value + "'");
        }
        return id;
    }
}
