package com.bbossiregi.timedeal.platform.axon.deadletter;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.Nonnull;
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
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Runs each event handler of a dead-lettered processing group within a savepoint of the processor's transaction.
 *
 * <p>Written here because neither Axon nor Spring offers it: PostgreSQL aborts the whole transaction at the first
 * failing statement, so without a savepoint a handler that fails on the database (text it cannot store, say) would
 * leave the batch's transaction unusable, the dead letter could not be written in it, and the batch would be retried
 * forever, exactly what the dead-letter queue is there to end. With the savepoint, the failed handler's own writes are
 * rolled back, the transaction goes on, and the dead letter commits together with the processor's progress. A handler
 * that succeeded keeps its writes, as with Axon's queue on any database (the groups here have one handler class each).
 * Spring's {@code PROPAGATION_NESTED} makes the savepoint, and starts a transaction of its own where there is none.
 *
 * <p>A saga's handlers also learn here whether their saga has a dead letter already: then the event is queued behind
 * it instead of being handled ({@link SagaDeadLetters}).
 */
public final class HandlerSavepoints implements HandlerEnhancerDefinition {

    private final Set<String> groups;
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
        return new Savepointed<>(original, group.value());
    }

    private final class Savepointed<T> extends WrappedMessageHandlingMember<T> {

        private final String group;

        private Savepointed(MessageHandlingMember<T> delegate, String group) {
            super(delegate);
            this.group = group;
        }

        @Override
        public Object handle(@Nonnull Message<?> message, T target) throws Exception {
            SagaDeadLetters sagaLetters = sagaGroups.get().get(group);
            if (sagaLetters != null && sagaLetters.isParked(currentSagaId())) {
                throw new SagaDeadLetters.QueuedBehindDeadLetter();
            }
            attachConnectionToCurrentUnitOfWork();
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

    /** Carries a checked exception through the transaction template, which only rolls back on unchecked ones. */
    private static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Exception cause) {
            super(cause);
        }
    }
}
