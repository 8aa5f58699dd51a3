package com.bbossiregi.timedeal.command.audit;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds an aggregate as it stood at a past instant by replaying its own event sourcing handlers over the events
 * recorded up to then: the same fold that loads it for a command, so history answers can never drift from the rules.
 * Reads the whole stream from its first event (snapshots describe the present, not the past) and takes no lock.
 * <p>
 * No command handler runs here, and none needs its parameters: inspecting a class looks at every handler it declares,
 * and the deal's creation handler takes the {@code DeadlineManager}, which nothing outside Axon's own command handling
 * can resolve, so a plain inspection (also the one a {@code GenericAggregateFactory} makes when given only the class)
 * failed before a single event was folded (the deal's deadline handler for its holds takes collaborators too). The
 * model built here resolves event sourcing handlers' parameters as usual and gives a command or deadline handler's
 * parameters a stand-in that refuses to be used.
 * The model is built once per aggregate type.
 */
@Component
public class AggregateHistory {

    private final EventStore eventStore;
    private final Map<Class<?>, AggregateModel<?>> models = new ConcurrentHashMap<>();

    public AggregateHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * @return the aggregate's view at {@code asOf}, or empty when the stream had no event yet by then or is the stream
     * of another kind of aggregate (an order id that names a deal's stream)
     */
    public <A, V> Optional<V> asOf(Class<A> aggregateType, String streamId, Instant asOf, Function<A, V> view) {
        DomainEventStream upToThen = eventStore.readEvents(streamId, 0)
                .filter(event -> !event.getTimestamp().isAfter(asOf));
        AggregateModel<A> model = model(aggregateType);
        if (!upToThen.hasNext() || !model.type().equals(upToThen.peek().getType())) {
            return Optional.empty();
        }
        A root = new GenericAggregateFactory<>(model).createAggregateRoot(streamId, upToThen.peek());
        EventSourcedAggregate<A> aggregate =
                EventSourcedAggregate.initialize(root, model, null, NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(upToThen);
        return Optional.of(aggregate.invoke(view));
    }

    @SuppressWarnings("unchecked")
    private <A> AggregateModel<A> model(Class<A> aggregateType) {
        return (AggregateModel<A>) models.computeIfAbsent(aggregateType, type ->
                AnnotatedAggregateMetaModelFactory.inspectAggregate(type, MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(type), new CommandHandlerParametersUnused())));
    }

    /** Stands in for a command or deadline handler's parameters that only Axon's handling supplies; never asked here. */
    private static final class CommandHandlerParametersUnused implements ParameterResolverFactory {

        @Override
        public ParameterResolver<Object> createInstance(Executable executable, Parameter[] parameters, int index) {
            if (!executable.isAnnotationPresent(CommandHandler.class)
                    && !executable.isAnnotationPresent(DeadlineHandler.class)) {
                return null;
            }
            return new ParameterResolver<>() {
                @Override
                public Object resolveParameterValue(Message<?> message) {
                    throw new IllegalStateException("History folds events only; no other handler runs here");
                }

                @Override
                public boolean matches(Message<?> message) {
                    return true;
                }
            };
        }
    }
}
