package com.bbossiregi.timedeal.platform.axon;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells the event store that an append lost to a concurrent writer of the same stream: PostgreSQL's unique violation
 * (SQLSTATE 23505), found anywhere in the failure, including the next exceptions of a batch insert. Axon's default
 * resolver compares vendor error codes, which PostgreSQL leaves at 0, so such a loss surfaced as a plain
 * {@code EventStoreException}; with this one it is the {@code ConcurrencyException} (or, for a stream's first event,
 * the {@code AggregateStreamCreationException}) that callers and retries recognise.
 */
public final class PostgresDuplicateKeys implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
