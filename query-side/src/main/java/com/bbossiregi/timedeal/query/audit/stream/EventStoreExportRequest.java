package com.bbossiregi.timedeal.query.audit.stream;

import com.bbossiregi.timedeal.api.audit.EventTypes;
import com.bbossiregi.timedeal.api.audit.EventTypes.EventType;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The checked parameters of the whole-store export. They are all checked before the first line is written, because
 * once streaming has started the status is 200 and a mistake can no longer be answered with the error envelope.
 *
 * @param from  the first global position to include
 * @param to    the first global position to leave out; {@link Long#MAX_VALUE} when the export runs to the end
 * @param type  the public event name to keep, or null for every event
 * @param limit how many lines to write at most
 */
public record EventStoreExportRequest(long from, long to, String type, long limit) {

    static final long DEFAULT_FROM = 1;
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    public EventStoreExportRequest {
        if (from < 1) {
            throw badRequest("Parameter 'from' must be 1 or more, got " + from);
        }
        if (to <= from) {
            throw badRequest("Parameter 'to' must be greater than 'from' (" + from + "), got " + to);
        }
        if (type != null && !EventTypes.names().contains(type)) {
            throw unknownType(type);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw badRequest("Parameter 'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** Reads the raw query parameters; an absent or blank one takes its default. */
    public static EventStoreExportRequest parse(String from, String to, String type, String limit) {
        return new EventStoreExportRequest(
                isAbsent(from) ? DEFAULT_FROM : number("from", from),
                isAbsent(to) ? Long.MAX_VALUE : number("to", to),
                isAbsent(type) ? null : eventType(type),
                isAbsent(limit) ? DEFAULT_LIMIT : number("limit", limit));
    }

    /**
     * Whether an event of this payload class belongs in the export. A name may be shared by an order's and a deal's
     * event ({@code STOCK_RESERVED}); both are kept, told apart by their {@code stream_type}.
     */
    boolean includes(Class<?> payloadType) {
        return type == null || EventTypes.of(payloadType).map(EventType::name).filter(type::equals).isPresent();
    }

    private static boolean isAbsent(String value) {
        return value == null || value.isBlank();
    }

    private static String eventType(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        if (!EventTypes.names().contains(name)) {
            // Checked here as well as in the constructor, to quote the value as the caller wrote it.
            throw unknownType(value);
        }
        return name;
    }

    private static DomainException unknownType(String value) {
        return badRequest("Parameter 'type' has an invalid value '" + value + "'; expected one of "
                + String.join(", ", new TreeSet<>(EventTypes.names())));
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw badRequest("Parameter '" + name + "' has an invalid value '" + value + "'; expected a whole number");
        }
    }

    private static DomainException badRequest(String message) {
        return new DomainException(ErrorCode.BAD_REQUEST, message);
    }
}
