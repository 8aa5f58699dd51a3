package com.bbossiregi.timedeal.platform.axon.deadletter;

import com.bbossiregi.timedeal.api.audit.DeadLetterRetry;
import com.bbossiregi.timedeal.api.audit.DeadLetterView;
import com.bbossiregi.timedeal.api.common.DomainException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * Every dead-letter queue of this instance, as an operator reads and works them: the read models' (Axon's dead-letter
 * processing through their processors' invokers) and the sagas' ({@link SagaDeadLetters}). A group is known here only
 * when its processor runs in this instance.
 */
public class DeadLetters {

    private final List<String> readModels;
    private final Supplier<EventProcessingConfiguration> processing;
    private final Map<String, SagaDeadLetters> sagas;

    public DeadLetters(List<String> readModels, Supplier<EventProcessingConfiguration> processing,
                       Map<String, SagaDeadLetters> sagas) {
        this.readModels = List.copyOf(readModels);
        this.processing = processing;
        this.sagas = Map.copyOf(sagas);
    }

    /** The groups with a dead-letter queue in this instance: the read models first, then the sagas. */
    public Set<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        readModels.stream().filter(group -> queue(group).isPresent()).forEach(groups::add);
        sagas.keySet().stream().filter(group -> queue(group).isPresent()).forEach(groups::add);
        return groups;
    }

    public boolean isSaga(String group) {
        return sagas.containsKey(group);
    }

    /** The group's queue, when the group's processor runs in this instance (a saga's runs with the command side). */
    public Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String group) {
        SagaDeadLetters saga = sagas.get(group);
        if (saga != null) {
            return processing.get().eventProcessorByProcessingGroup(group).isPresent()
                    ? Optional.of(saga.queue()) : Optional.empty();
        }
        return readModels.contains(group) ? processing.get().deadLetterQueue(group) : Optional.empty();
    }

    public long count(String group) {
        return queue(group).map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    /** The group's dead letters, sequence by sequence and in order within each, at most {@code limit} of them. */
    public List<DeadLetterView> list(String group, int limit) {
        List<DeadLetterView> views = new ArrayList<>();
        queue(group).ifPresent(queue -> {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (views.size() >= limit) {
                        return;
                    }
                    views.add(view(letter));
                }
            }
        });
        return views;
    }

    /**
     * Handles the sequence's dead letters again with the code running now, in order, until one fails again.
     *
     * @throws DomainException NOT_FOUND for an unknown group or a sequence without dead letters
     */
    public DeadLetterRetry retry(String group, String sequenceIdentifier) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = existingSequence(group, sequenceIdentifier);
        SagaDeadLetters saga = sagas.get(group);
        if (saga != null) {
            saga.retry(sequenceIdentifier);
        } else {
            SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.get()
                    .sequencedDeadLetterProcessor(group)
                    .orElseThrow(() -> DomainException.notFound("Dead-letter queue " + group));
            processor.process(letter -> sequenceIdentifier.equals(sequenceOf(letter)));
        }
        return outcome(group, queue, sequenceIdentifier);
    }

    /** Retries every sequence of the group, each once, in the order they were dead-lettered. */
    public List<DeadLetterRetry> retryAll(String group) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group)
                .orElseThrow(() -> DomainException.notFound("Dead-letter queue " + group));
        Set<String> sequences = new LinkedHashSet<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            sequence.forEach(letter -> sequences.add(sequenceOf(letter)));
        }
        List<DeadLetterRetry> outcomes = new ArrayList<>();
        for (String sequence : sequences) {
            if (queue.contains(sequence)) {
                outcomes.add(retry(group, sequence));
            }
        }
        return outcomes;
    }

    /**
     * Drops the sequence's dead letters for good: the group never handles those events (a replay would).
     *
     * @return how many letters were evicted
     * @throws DomainException NOT_FOUND for an unknown group or a sequence without dead letters
     */
    public long evict(String group, String sequenceIdentifier) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = existingSequence(group, sequenceIdentifier);
        long evicted = 0;
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequenceIdentifier)) {
            queue.evict(letter);
            evicted++;
        }
        return evicted;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> existingSequence(String group, String sequenceIdentifier) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group)
                .orElseThrow(() -> DomainException.notFound("Dead-letter queue " + group));
        if (!queue.contains(sequenceIdentifier)) {
            throw DomainException.notFound("Dead letter " + sequenceIdentifier + " of " + group);
        }
        return queue;
    }

    private static DeadLetterRetry outcome(String group, SequencedDeadLetterQueue<EventMessage<?>> queue,
                                           String sequenceIdentifier) {
        List<DeadLetter<? extends EventMessage<?>>> remaining = new ArrayList<>();
        queue.deadLetterSequence(sequenceIdentifier).forEach(remaining::add);
        if (remaining.isEmpty()) {
            return new DeadLetterRetry(group, sequenceIdentifier, DeadLetterRetry.Outcome.PROCESSED, 0, null, null);
        }
        Optional<Cause> cause = remaining.get(0).cause();
        return new DeadLetterRetry(group, sequenceIdentifier, DeadLetterRetry.Outcome.FAILED, remaining.size(),
                cause.map(Cause::type).orElse(null), cause.map(Cause::message).orElse(null));
    }

    static DeadLetterView view(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        Optional<Cause> cause = letter.cause();
        return new DeadLetterView(
                sequenceOf(letter),
                payloadType(event),
                event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null,
                event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                        ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null)
                        : null,
                cause.map(Cause::type).orElse(null),
                cause.map(Cause::message).orElse(null),
                letter.enqueuedAt(),
                letter.lastTouched(),
                DeadLetterPolicy.retries(letter));
    }

    private static String payloadType(EventMessage<?> event) {
        try {
            return event.getPayloadType().getSimpleName();
        } catch (RuntimeException unknownType) {
            return "unknown";
        }
    }

    /** The sequence a stored letter belongs to (the JDBC queue keeps it as text). */
    static String sequenceOf(DeadLetter<?> letter) {
        return letter instanceof JdbcDeadLetter<?> stored ? stored.getSequenceIdentifier() : null;
    }
}
