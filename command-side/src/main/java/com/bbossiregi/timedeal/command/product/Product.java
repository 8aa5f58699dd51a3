package com.bbossiregi.timedeal.command.product;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.product.ChangeProductCommand;
import com.bbossiregi.timedeal.api.product.CreateProductCommand;
import com.bbossiregi.timedeal.api.product.ProductCategory;
import com.bbossiregi.timedeal.api.product.ProductChangedEvent;
import com.bbossiregi.timedeal.api.product.ProductDetail;
import com.bbossiregi.timedeal.api.product.ProductStatusChangedEvent;
import com.bbossiregi.timedeal.api.product.ProductCreatedEvent;
import com.bbossiregi.timedeal.api.product.ProductStatus;
import com.bbossiregi.timedeal.command.support.StoredByFields;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A product of the shop; deals are made on products. Admins change its terms and its status. */
@Aggregate(lockFactory = "aggregateLocks")
@StoredByFields
public class Product {

    @AggregateIdentifier
    private String streamId;
    private long productId;
    private ProductStatus status;
    private String name;
    private String description;
    private long price;
    private String imageUrl;
    private String thumbnailUrl;
    private ProductCategory category;

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

    /**
     * Changes what an admin may change; a deleted product is gone for good. Only what differs is recorded, as one event
     * for the described terms and one for the status.
     *
     * @return the product after the change
     */
    @CommandHandler
    public ProductDetail handle(ChangeProductCommand command) {
        if (status == ProductStatus.DELETED) {
            throw DomainException.notFound("Product " + productId);
        }
        ProductChangedEvent changed = new ProductChangedEvent(productId,
                command.name() != null ? command.name().trim() : name,
                command.description() != null ? command.description() : description,
                command.price() != null ? command.price() : price,
                command.imageUrl() != null ? command.imageUrl() : imageUrl,
                command.thumbnailUrl() != null ? command.thumbnailUrl() : thumbnailUrl,
                command.category() != null ? command.category() : category);
        if (!changed.equals(new ProductChangedEvent(productId, name, description, price, imageUrl, thumbnailUrl,
                category))) {
            apply(changed);
        }
        if (command.status() != null && command.status() != status) {
            apply(new ProductStatusChangedEvent(productId, command.status()));
        }
        return detail();
    }

    public ProductDetail detail() {
        return new ProductDetail(productId, name, description, price, imageUrl, thumbnailUrl, category, status);
    }

    @EventSourcingHandler
    private void on(ProductCreatedEvent event) {
        streamId = StreamIds.product(event.productId());
        productId = event.productId();
        status = event.status();
        name = event.name();
        description = event.description();
        price = event.price();
        imageUrl = event.imageUrl();
        thumbnailUrl = event.thumbnailUrl();
        category = event.category();
    }

    @EventSourcingHandler
    private void on(ProductChangedEvent event) {
        name = event.name();
        description = event.description();
        price = event.price();
        imageUrl = event.imageUrl();
        thumbnailUrl = event.thumbnailUrl();
        category = event.category();
    }

    @EventSourcingHandler
    private void on(ProductStatusChangedEvent event) {
        status = event.status();
    }
}
