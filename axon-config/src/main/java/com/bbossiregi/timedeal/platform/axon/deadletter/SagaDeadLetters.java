package com.bbossiregi.timedeal.platform.axon.deadletter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.annotation.Nonnull;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.Saga;
import org.axonframework.modelling.saga.SagaRepository;

/**
 * The dead letters of one saga's processing group: Axon 4 dead-letters only event handling components, not sagas (its
 * saga manager is the processor's invoker itself), so this gives a saga the same behaviour with Axon's own queue and
 * its saga manager's per-saga error handler (ADR 0016).
 *
 * <ul>
 *   <li>Axon's saga manager hands every failure of one saga instance to this error handler and goes on with the
 *       event's other sagas. A transient failure ({@link DeadLetterPolicy}) is thrown on, so the processor retries the
 *       batch; any other is dead-lettered under the saga's identifier, and the processor moves on: one order's saga
 *       never holds up another's.</li>
 *   <li>Later events for a saga with a dead letter are queued behind it, unhandled ({@link HandlerSavepoints} asks
 *       {@link #isParked}); the parked sagas are read once per batch, within the batch's transaction, so a node that
 *       takes over the saga's segment knows what another node parked.</li>
 *   <li>{@link #retry} loads the saga and hands it its dead letters again, in order, each in a transaction of its
 *       own; the saga's state and the commands' events commit with it. A letter that fails again stays, and stops the
 *       rest of its sequence.</li>
 * </ul>
 */
public final class SagaDeadLetters implements ListenerInvocationErrorHandler {

    private static final String PARKED = SagaDeadLetters.class.getName() + ".parked";

    private final SequencedDeadLetterQueue<EventMessage<?>> queue;
    private final DeadLetterPolicy policy;
    private final TransactionManager transactionManager;
    private final Supplier<SagaRepository<?>> repository;

    public SagaDeadLetters(SequencedDeadLetterQueue<EventMessage<?>> queue, DeadLetterPolicy policy,
                           TransactionManager transactionManager, Supplier<SagaRepository<?>> repository) {
        this.queue = queue;
        this.policy = policy;
        this.transactionManager = transactionManager;
        this.repository = repository;
    }

    public SequencedDeadLetterQueue<EventMessage<?>> queue() {
        return queue;
    }

    @Override
    public void onError(@Nonnull Exception exception, @Nonnull EventMessage<?> event,
                        @Nonnull EventMessageHandler handler) throws Exception {
        if (!(handler instanceof Saga<?> saga)) {
            throw exception;
        }
        String sagaId = saga.getSagaIdentifier();
        if (exception instanceof QueuedBehindDeadLetter) {
            queue.enqueue(sagaId, new GenericDeadLetter<>(sagaId, event));
            return;
        }
        DeadLetter<EventMessage<?>> letter = new GenericDeadLetter<>(sagaId, event, exception);
        EnqueueDecision<EventMessage<?>> decision = policy.decide(letter, exception);
        if (decision.shouldEnqueue()) {
            queue.enqueue(sagaId, decision.withDiagnostics(letter.withCause(decision.enqueueCause().orElse(null))));
            parked().add(sagaId);
        }
    }

    /** Whether the saga has a dead letter, as this processor's batch sees it. */
    boolean isParked(String sagaId) {
        return sagaId != null && CurrentUnitOfWork.isStarted() && parked().contains(sagaId);
    }

    private Set<String> parked() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(PARKED, key -> parkedSagas());
    }

    private Set<String> parkedSagas() {
        Set<String> parked = ConcurrentHashMap.newKeySet();
        if (queue.amountOfSequences() > 0) {
            queue.deadLetters().forEach(sequence -> sequence.forEach(letter -> parked.add(DeadLetters.sequenceOf(letter))));
        }
        return parked;
    }

    /**
     * Hands the saga its dead letters again, in order.
     *
     * @return whether the whole sequence was handled and evicted
     */
    public boolean retry(String sagaId) {
        return queue.process(letter -> sagaId.equals(DeadLetters.sequenceOf(letter)),
                letter -> handleAgain(sagaId, letter));
    }

    private EnqueueDecision<EventMessage<?>> handleAgain(String sagaId, DeadLetter<? extends EventMessage<?>> letter) {
        UnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(letter.message());
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.resources().put(DeadLetter.class.getName(), letter);
        // The saga's own letters are what is being handled here: nothing is queued behind them.
        unitOfWork.resources().put(PARKED, ConcurrentHashMap.newKeySet());
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            Saga<?> saga = repository.get().load(sagaId);
            if (saga != null && saga.isActive()) {
                saga.handle(letter.message());
            }
            return null;
        });
        if (!result.isExceptional()) {
            return Decisions.evict();
        }
        return DeadLetterPolicy.afterFailedRetry(result.exceptionResult());
    }

    /** Thrown instead of handling an event whose saga has a dead letter, so that it is queued behind it. */
    static final class QueuedBehindDeadLetter extends RuntimeException {
        QueuedBehindDeadLetter() {
            super("Queued behind the saga's dead letter", null, false, false);
        }
    }
}
