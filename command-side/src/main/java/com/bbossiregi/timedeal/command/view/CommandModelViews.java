package com.bbossiregi.timedeal.command.view;

import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.api.order.PlacedOrder;
import com.bbossiregi.timedeal.api.product.ProductDetail;
import com.bbossiregi.timedeal.api.timedeal.TimeDealDetail;
import com.bbossiregi.timedeal.command.order.Order;
import com.bbossiregi.timedeal.command.product.Product;
import com.bbossiregi.timedeal.command.timedeal.TimeDeal;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.stereotype.Component;

/**
 * A command's answer shows the aggregate as its own events leave it, through the aggregate's sourcing logic, so the
 * command side answers without reading the query side's read models.
 *
 * <p>The aggregate is folded from the event store (its latest snapshot, then the events after it), not taken from the
 * repository: with several command nodes only the node that owns an aggregate may keep it in its cache, and a copy
 * loaded here for reading would go stale there. No lock is taken and no command handler runs.
 */
@Component
public class CommandModelViews {

    private final EventStore eventStore;
    private final Clock clock;
    private final AggregateModel<Order> orderModel;
    private final AggregateModel<TimeDeal> timeDealModel;
    private final AggregateModel<Product> productModel;

    public CommandModelViews(EventStore eventStore, Clock clock, ParameterResolverFactory parameterResolvers,
                             HandlerDefinition handlerDefinition) {
        this.eventStore = eventStore;
        this.clock = clock;
        this.orderModel = AnnotatedAggregateMetaModelFactory.inspectAggregate(Order.class, parameterResolvers,
                handlerDefinition);
        this.timeDealModel = AnnotatedAggregateMetaModelFactory.inspectAggregate(TimeDeal.class, parameterResolvers,
                handlerDefinition);
        this.productModel = AnnotatedAggregateMetaModelFactory.inspectAggregate(Product.class, parameterResolvers,
                handlerDefinition);
    }

    public OrderView order(String orderId) {
        return find(orderModel, Order.class, orderId, Order::view)
                .orElseThrow(() -> new AggregateNotFoundException(orderId, "No order " + orderId));
    }

    /** @return what placing the order came to, or empty when no order of that id was opened */
    public Optional<PlacedOrder> placement(String orderId) {
        return find(orderModel, Order.class, orderId, Order::placement);
    }

    public TimeDealDetail timeDeal(String streamId, ProductDetail product) {
        return find(timeDealModel, TimeDeal.class, streamId, deal -> deal.detail(product, clock.instant()))
                .orElseThrow(() -> new AggregateNotFoundException(streamId, "No time deal " + streamId));
    }

    /** @return the product as its events leave it, or empty when there is no such product */
    public Optional<ProductDetail> product(String streamId) {
        return find(productModel, Product.class, streamId, Product::detail);
    }

    private <A, R> Optional<R> find(AggregateModel<A> model, Class<A> type, String id, Function<A, R> view) {
        DomainEventStream events = eventStore.readEvents(id);
        if (!events.hasNext()) {
            return Optional.empty();
        }
        // From the model inspected with the application's parameter resolvers: a factory inspecting the class itself
        // would use only those on the classpath, which cannot resolve the aggregate's DeadlineManager parameter
        // (the tests' classpath hides this: axon-test's fixture resolver accepts any parameter).
        A root = new GenericAggregateFactory<>(model).createAggregateRoot(id, events.peek());
        EventSourcedAggregate<A> aggregate =
                EventSourcedAggregate.initialize(root, model, null, NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(events);
        return Optional.ofNullable(aggregate.invoke(view));
    }
}
