package com.bbossiregi.timedeal.command.product;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.product.CreateProductCommand;
import com.bbossiregi.timedeal.api.product.ProductCreatedEvent;
import com.bbossiregi.timedeal.api.product.ProductStatus;
import com.bbossiregi.timedeal.command.support.StoredByFields;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A product of the shop; deals are made on products, which only validate and record their own facts. */
@Aggregate
@StoredByFields
public class Product {

    @AggregateIdentifier
    private String streamId;
    private long productId;
    private ProductStatus status;

    protected Product() {
        // Axon and Jackson rebuild the aggregate from events or a snapshot.
    }

    @CommandHandler
    public Product(CreateProductCommand command) {
        // The product's shape (name, price, category) was checked at the HTTP edge, on CatalogCommands.NewProduct.
        apply(new ProductCreatedEvent(
                command.productId(),
                command.name(),
                command.description(),
                command.price(),
                command.imageUrl(),
                command.thumbnailUrl(),
                command.category(),
                ProductStatus.ACTIVE));
    }

    @EventSourcingHandler
    private void on(ProductCreatedEvent event) {
        streamId = StreamIds.product(event.productId());
        productId = event.productId();
        status = event.status();
    }
}
