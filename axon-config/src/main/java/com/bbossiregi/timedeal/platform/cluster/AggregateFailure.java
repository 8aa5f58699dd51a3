package com.bbossiregi.timedeal.platform.cluster;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;

/**
 * The repository's own failures that callers act on (a missing aggregate is a 404, a stream created twice is a lost
 * race for a new id), in a form that crosses nodes like {@code ErrorDetails} does for business errors: from another
 * node only an exception's class name and message arrive otherwise, and the caller would see an internal error.
 *
 * @param kind       which failure
 * @param aggregate  the aggregate's id, where known
 * @param message    the failure's message
 */
public record AggregateFailure(Kind kind, String aggregate, String message) {

    public enum Kind {
        NOT_FOUND,
        STREAM_EXISTS
    }

    /** @return the failure to carry, or null when {@code failure} is not one of these */
    static AggregateFailure of(Throwable failure) {
        if (failure instanceof AggregateNotFoundException notFound) {
            return new AggregateFailure(Kind.NOT_FOUND, String.valueOf(notFound.getAggregateIdentifier()),
                    notFound.getMessage());
        }
        if (failure instanceof AggregateStreamCreationException exists) {
            return new AggregateFailure(Kind.STREAM_EXISTS, null, exists.getMessage());
        }
        return null;
    }

    RuntimeException toException() {
        return switch (kind) {
            case NOT_FOUND -> new AggregateNotFoundException(aggregate, message);
            case STREAM_EXISTS -> new AggregateStreamCreationException(message);
        };
    }
}
