package com.bbossiregi.timedeal.platform.axon.deadletter;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.axonframework.common.AxonTransientException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which handler failures go to the dead-letter queue. A failure that retrying can fix (the database or the network is
 * down, a connection broke, a serialization conflict or a deadlock, another writer got to an aggregate first) is not
 * the event's fault: dead-lettering it would park every event of an outage. Such a failure is thrown on, so the
 * processor rolls its batch back and retries it with its back-off, as before. Every other failure is the event's own
 * (data the database refuses, a bug, a command that fails whatever the timing): it is dead-lettered with its cause, and
 * the processor goes on with the other sequences.
 *
 * <p>When a dead letter is retried (an admin's retry, {@code DeadLetter} in the unit of work's resources, as Axon's own
 * processing task puts it) and fails again, it stays where it is: with one more retry counted when the failure is
 * still the event's, unchanged when it is transient.
 */
public final class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    /** The diagnostics entry counting failed retries. */
    public static final String RETRIES = "retries";

    /**
     * PostgreSQL SQLSTATE classes of failures outside the statement: connection exceptions (08), transaction rollbacks
     * such as serialization failures and deadlocks (40), insufficient resources (53), operator intervention such as a
     * shutdown (57) and system errors (58).
     */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57", "58");

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (isRetryingDeadLetter()) {
            return afterFailedRetry(cause);
        }
        if (isTransient(cause)) {
            throw rethrown(cause);
        }
        return Decisions.enqueue(ThrowableCause.truncated(cause), fresh -> fresh.diagnostics().and(RETRIES, 0));
    }

    /** Whether the current unit of work handles a dead letter again (Axon's processing task names it a resource). */
    public static boolean isRetryingDeadLetter() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
    }

    /**
     * A dead letter that failed again stays: one more retry counted when the failure is the event's own. The cause
     * goes in as it is: Axon's JDBC letter wraps whatever it is given in a cause of its own, so a truncated one would
     * be recorded as of type {@code ThrowableCause} (the column takes a message of any length).
     */
    public static EnqueueDecision<EventMessage<?>> afterFailedRetry(Throwable cause) {
        if (isTransient(cause)) {
            return Decisions.requeue(cause, DeadLetter::diagnostics);
        }
        return Decisions.requeue(cause, failed -> failed.diagnostics().and(RETRIES, retries(failed) + 1));
    }

    /** How many times a dead letter was retried and failed again. */
    public static int retries(DeadLetter<?> letter) {
        return letter.diagnostics().get(RETRIES) instanceof Number number ? number.intValue() : 0;
    }

    /** Whether anything in the chain of causes says the failure is the infrastructure's, not the event's. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && (sql instanceof SQLTransientException
                    || sql instanceof SQLRecoverableException || transientState(sql.getSQLState()))) {
                return true;
            }
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException
                    // Axon's own: a concurrent append to the same aggregate, no handler for a command yet (a
                    // cluster still agreeing on who handles what).
                    || cause instanceof AxonTransientException
                    || cause instanceof ConnectException || cause instanceof SocketException) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientState(String sqlState) {
        return sqlState != null && sqlState.length() >= 2
                && TRANSIENT_SQL_STATE_CLASSES.contains(sqlState.substring(0, 2));
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new TransientHandlerFailure(cause);
    }

    /** A checked transient failure, carried out of the policy so that the processor retries the batch. */
    static final class TransientHandlerFailure extends RuntimeException {
        TransientHandlerFailure(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
