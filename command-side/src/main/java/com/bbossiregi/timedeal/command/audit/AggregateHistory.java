package com.bbossiregi.timedeal.command.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds an aggregate as it stood at a past instant by replaying its own event sourcing handlers over the events
 * recorded up to then: the same fold that loads it for a command, so history answers can never drift from the rules.
 * Reads the whole stream from its first event (snapshots describe the present, not the past) and takes no lock.
 */
@Component
public class AggregateHistory {

    private final EventStore eventStore;

    public AggregateHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** @return the aggregate's view at {@code asOf}, or empty when the stream had no event yet by then */
    public <A, V> Optional<V> asOf(Class<A> aggregateType, String streamId, Instant asOf, Function<A, V> view) {
        DomainEventStream upToThen = eventStore.readEvents(streamId, 0)
                .filter(event -> !event.getTimestamp().isAfter(asOf));
        if (!upToThen.hasNext()) {
            return Optional.empty();
        }
        AggregateModel<A> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(aggregateType);
        A root = new GenericAggregateFactory<>(aggregateType).createAggregateRoot(streamId, upToThen.peek());
        EventSourcedAggregate<A> aggregate =
                EventSourcedAggregate.initialize(root, model, null, NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(upToThen);
        return Optional.of(aggregate.invoke(view));
    }
}
