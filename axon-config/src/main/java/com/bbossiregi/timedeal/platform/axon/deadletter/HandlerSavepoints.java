package com.bbossiregi.timedeal.platform.axon.deadletter;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.annotation.Nonnull;
import org.axonframework.common.AxonTransientException;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.saga.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Lets each event handler of a dead-lettered processing group fail alone: its own writes are undone and the rest of
 * the processor's batch goes on in the same transaction.
 *
 * <p>Written here because neither Axon nor Spring offers it: PostgreSQL aborts the whole transaction at the first
 * failing statement, so a handler that fails on the database (text it cannot store, say) would leave the batch's
 * transaction unusable, the dead letter could not be written in it, and the batch would be retried forever, exactly
 * what the dead-letter queue is there to end. A savepoint around the handler rolls back only the failed handler's own
 * writes; the transaction goes on, and the dead letter commits together with the processor's progress. A handler that
 * succeeded keeps its writes, as with Axon's queue on any database (the groups here have one handler class each).
 * Spring's {@code PROPAGATION_NESTED} makes the savepoint, and starts a transaction of its own where there is none.
 *
 * <p>A savepoint costs two statements per handled event (about a third of the statements of an order under the hot
 * deal), for failures that are rare. So a batch first runs without them: a handler failing there (for a reason
 * retrying would not fix) marks its group to take savepoints for {@link #SAVEPOINTS_AFTER_A_FAILURE} and fails the
 * whole batch as a transient failure; the processor rolls the batch back, dead letter, progress and all, and retries
 * it, this time with savepoints, where the failure is dead-lettered as before. The retry of a dead letter, and a
 * handler called outside a transaction, always take a savepoint. A handler running without one may also hold its
 * writes back to the batch's commit ({@link BatchWrites}); when those fail there, it is handled the same way.
 *
 * <p>A saga's handlers also learn here whether their saga has a dead letter already: then the event is queued behind
 * it instead of being handled ({@link SagaDeadLetters}).
 */
public final class HandlerSavepoints implements HandlerEnhancerDefinition {

    /**
     * How long a group takes savepoints after a handler failed without one: longer than the tracking processor's
     * longest pause before it retries a failed batch (a minute), so the retry always has them.
     */
    static final Duration SAVEPOINTS_AFTER_A_FAILURE = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(HandlerSavepoints.class);

    private final Set<String> groups;
    /** Per group, the {@link System#nanoTime()} until which its handlers take savepoints. */
    private final Map<String, AtomicLong> savepointsUntil = new ConcurrentHashMap<>();
    private final Supplier<TransactionTemplate> savepoints;
    private final Supplier<ConnectionProvider> connections;
    private final Supplier<Map<String, SagaDeadLetters>> sagaGroups;

    /**
     * @param groups      the processing groups with a dead-letter queue
     * @param savepoints  a template with {@code PROPAGATION_NESTED}, looked up on first use
     * @param connections Axon's connection provider, looked up on first use
     * @param sagaGroups  the saga groups' dead letters by group, looked up on first use
     */
    public HandlerSavepoints(Set<String> groups, Supplier<TransactionTemplate> savepoints,
                             Supplier<ConnectionProvider> connections,
                             Supplier<Map<String, SagaDeadLetters>> sagaGroups) {
        this.groups = Set.copyOf(groups);
        // Each called once, on first use: the handlers run for every event, and a bean look-up each time was about
        // 1.5 % of the application's CPU under the hot deal.
        this.savepoints = SingletonSupplier.of(savepoints);
        this.connections = SingletonSupplier.of(connections);
        this.sagaGroups = SingletonSupplier.of(sagaGroups);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        if (!original.annotationAttributes(EventHandler.class).isPresent()) {
            return original;
        }
        ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(original.declaringClass(),
                ProcessingGroup.class);
        if (group == null || !groups.contains(group.value())) {
            return original;
        }
        return new Savepointed<>(original, group.value(),
                savepointsUntil.computeIfAbsent(group.value(), name -> new AtomicLong(System.nanoTime())));
    }

    private final class Savepointed<T> extends WrappedMessageHandlingMember<T> {

        private final String group;
        private final AtomicLong savepointsUntil;
        /** What a failure of the writes held back to the batch's commit becomes ({@link BatchWrites}). */
        private final Function<RuntimeException, RuntimeException> heldBackFailed = failure ->
                DeadLetterPolicy.isTransient(failure)
                        ? failure : retryWithSavepoints("the writes held back to its batch's commit", failure);

        private Savepointed(MessageHandlingMember<T> delegate, String group, AtomicLong savepointsUntil) {
            super(delegate);
            this.group = group;
            this.savepointsUntil = savepointsUntil;
        }

        @Override
        public Object handle(@Nonnull Message<?> message, T target) throws Exception {
            SagaDeadLetters sagaLetters = sagaGroups.get().get(group);
            if (sagaLetters != null && sagaLetters.isParked(currentSagaId())) {
                throw new SagaDeadLetters.QueuedBehindDeadLetter();
            }
            attachConnectionToCurrentUnitOfWork();
            if (withoutSavepoint()) {
                Runnable revoke = BatchWrites.permit(heldBackFailed);
                try {
                    return super.handle(message, target);
                } catch (Exception e) {
                    if (DeadLetterPolicy.isTransient(e)) {
                        throw e;
                    }
                    throw retryWithSavepoints(message.getPayloadType().getSimpleName(), e);
                } finally {
                    revoke.run();
                }
            }
            try {
                return savepoints.get().execute(status -> {
                    try {
                        return super.handle(message, target);
                    } catch (RuntimeException | Error e) {
                        throw e;
                    } catch (Exception e) {
                        throw new CheckedFailure(e);
                    }
                });
            } catch (CheckedFailure wrapped) {
                throw (Exception) wrapped.getCause();
            }
        }

        /** A failure without a savepoint, not transient: the group takes savepoints, and its batch is retried. */
        private RetryWithSavepoints retryWithSavepoints(String what, Exception failure) {
            savepointsUntil.set(System.nanoTime() + SAVEPOINTS_AFTER_A_FAILURE.toNanos());
            log.info("{}: {} failed outside a savepoint ({}); the batch is retried with savepoints", group, what,
                    failure.toString());
            return new RetryWithSavepoints(failure);
        }

        private boolean withoutSavepoint() {
            return System.nanoTime() - savepointsUntil.get() > 0
                    && TransactionSynchronizationManager.isActualTransactionActive()
                    && !DeadLetterPolicy.isRetryingDeadLetter();
        }

        /**
         * Axon's JDBC connection provider ties the transaction's connection to the unit of work that first asks for
         * it, rollback included. When that is the nested unit of work of a command a saga handler sends (its saga
         * came from the cache, so nothing read the database before), the command's failure would roll back the
         * whole connection, savepoint and all. Asking here, in the processor's unit of work, ties it to that one.
         */
        private void attachConnectionToCurrentUnitOfWork() throws SQLException {
            if (CurrentUnitOfWork.isStarted()) {
                connections.get().getConnection();
            }
        }

        private static String currentSagaId() {
            try {
                return Scope.<Scope>getCurrentScope() instanceof Saga<?> saga ? saga.getSagaIdentifier() : null;
            } catch (IllegalStateException noScope) {
                return null;
            }
        }
    }

    /**
     * A handler failed without a savepoint, so its batch's transaction may hold its writes or be aborted: transient,
     * so that the processor rolls the batch back and retries it, with savepoints.
     */
    static final class RetryWithSavepoints extends AxonTransientException {
        RetryWithSavepoints(Exception cause) {
            super("Handler failed without a savepoint: " + cause, cause);
        }
    }

    /** Carries a checked exception through the transaction template, which only rolls back on unchecked ones. */
    private static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Exception cause) {
            super(cause);
        }
    }
}
