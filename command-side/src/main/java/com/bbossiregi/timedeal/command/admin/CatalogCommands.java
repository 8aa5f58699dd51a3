package com.bbossiregi.timedeal.command.admin;

import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.product.ChangeProductCommand;
import com.bbossiregi.timedeal.api.product.CreateProductCommand;
import com.bbossiregi.timedeal.api.product.ProductCategory;
import com.bbossiregi.timedeal.api.product.ProductCreatedEvent;
import com.bbossiregi.timedeal.api.product.ProductDetail;
import com.bbossiregi.timedeal.api.product.ProductStatus;
import com.bbossiregi.timedeal.api.timedeal.CancelTimeDealCommand;
import com.bbossiregi.timedeal.api.timedeal.ChangeTimeDealCommand;
import com.bbossiregi.timedeal.api.timedeal.CreateTimeDealCommand;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealDetail;
import com.bbossiregi.timedeal.command.orderapi.OrderSettings;
import com.bbossiregi.timedeal.command.view.CommandModelViews;
import com.bbossiregi.timedeal.command.support.CreationEvents;
import com.bbossiregi.timedeal.command.support.FieldErrors;
import com.bbossiregi.timedeal.command.support.Metadata;
import com.bbossiregi.timedeal.platform.axon.ReadModelCatchUp;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Creates products and deals through commands, numbering them from the database sequences. Used by the admin API
 * and by the demo data, so both follow the same rules and leave the same events.
 */
@Service
public class CatalogCommands {

    private final CommandGateway commands;
    private final CreationEvents creations;
    private final JdbcClient jdbc;
    private final ReadModelCatchUp readModels;
    private final CommandModelViews views;
    private final Duration readModelWait;
    private final Duration cascadeWait;

    public CatalogCommands(CommandGateway commands, CreationEvents creations, JdbcClient jdbc, ReadModelCatchUp readModels,
                           CommandModelViews views, OrderSettings settings) {
        this.commands = commands;
        this.creations = creations;
        this.jdbc = jdbc;
        this.readModels = readModels;
        this.views = views;
        this.readModelWait = settings.readModelWait();
        this.cascadeWait = settings.outcomeWait();
    }

    public record NewProduct(String name, String description, Long price, String imageUrl, String thumbnailUrl,
                             ProductCategory category) {
    }

    /** {@code maxPerShopper}: the most units one shopper may hold of the deal at once; none for no limit. */
    public record NewTimeDeal(Long productId, Long originalPrice, Long dealPrice, Integer stockQuantity, Instant startAt,
                              Instant endAt, Integer maxPerShopper) {
    }

    public ProductDetail createProduct(NewProduct request, Actor actor) {
        return createProduct(nextId("product_id_seq"), request, actor);
    }

    public ProductDetail createProduct(long productId, NewProduct request, Actor actor) {
        new FieldErrors()
                .check(request.name() != null && !request.name().isBlank() && request.name().length() <= 255,
                        "name", "is required, at most 255 characters")
                .check(request.price() != null && request.price() > 0, "price", "must be greater than 0")
                .required(request.category(), "category")
                .throwIfAny();
        commands.sendAndWait(Metadata.asActor(new CreateProductCommand(productId, request.name().trim(), request.description(),
                request.price(), request.imageUrl(), request.thumbnailUrl(), request.category()), actor));
        readModels.awaitCaughtUp(readModelWait);
        return product(productId).orElseThrow();
    }

    public TimeDealDetail createTimeDeal(NewTimeDeal request, Actor actor) {
        return createTimeDeal(nextId("time_deal_id_seq"), request, actor);
    }

    public TimeDealDetail createTimeDeal(long timeDealId, NewTimeDeal request, Actor actor) {
        new FieldErrors()
                .required(request.productId(), "product_id")
                .check(request.dealPrice() != null && request.dealPrice() > 0, "deal_price", "must be greater than 0")
                .check(request.originalPrice() == null || request.originalPrice() > 0, "original_price", "must be greater than 0")
                .check(request.stockQuantity() != null && request.stockQuantity() > 0, "stock_quantity", "must be greater than 0")
                .required(request.startAt(), "start_at")
                .required(request.endAt(), "end_at")
                .check(request.maxPerShopper() == null || request.maxPerShopper() > 0, "max_per_shopper",
                        "must be greater than 0")
                .throwIfAny();
        ProductDetail product = product(request.productId())
                .orElseThrow(() -> DomainException.notFound("Product " + request.productId()));
        long originalPrice = request.originalPrice() != null ? request.originalPrice() : product.price();
        commands.sendAndWait(Metadata.asActor(new CreateTimeDealCommand(timeDealId, product.id(), originalPrice,
                request.dealPrice(), request.stockQuantity(), request.startAt(), request.endAt(), request.maxPerShopper()),
                actor));
        readModels.awaitCaughtUp(readModelWait);
        return views.timeDeal(StreamIds.timeDeal(timeDealId), product);
    }

    /** What an admin may change of a product; a field left out stays as it is. */
    public record ProductChange(String name, String description, Long price, String imageUrl, String thumbnailUrl,
                                ProductCategory category, ProductStatus status) {
    }

    /** What an admin may change of a deal that has not started; a field left out stays as it is. */
    public record TimeDealChange(Long originalPrice, Long dealPrice, Integer stockQuantity, Instant startAt,
                                 Instant endAt, Integer maxPerShopper) {
    }

    public ProductDetail changeProduct(long productId, ProductChange change, Actor actor) {
        new FieldErrors()
                .check(change.name() == null || (!change.name().isBlank() && change.name().length() <= 255),
                        "name", "must not be blank, at most 255 characters")
                .check(change.price() == null || change.price() > 0, "price", "must be greater than 0")
                .throwIfAny();
        ProductDetail changed = commands.sendAndWait(Metadata.asActor(new ChangeProductCommand(productId, change.name(),
                change.description(), change.price(), change.imageUrl(), change.thumbnailUrl(), change.category(),
                change.status()), actor));
        readModels.awaitCaughtUp(readModelWait);
        return changed;
    }

    public TimeDealDetail changeTimeDeal(long timeDealId, TimeDealChange change, Actor actor) {
        new FieldErrors()
                .check(change.originalPrice() == null || change.originalPrice() > 0, "original_price",
                        "must be greater than 0")
                .check(change.dealPrice() == null || change.dealPrice() > 0, "deal_price", "must be greater than 0")
                .check(change.stockQuantity() == null || change.stockQuantity() > 0, "stock_quantity",
                        "must be greater than 0")
                .check(change.maxPerShopper() == null || change.maxPerShopper() > 0, "max_per_shopper",
                        "must be greater than 0")
                .throwIfAny();
        TimeDealCreatedEvent deal = creations.of(StreamIds.timeDeal(timeDealId), TimeDealCreatedEvent.class)
                .orElseThrow(() -> DomainException.notFound("Time deal " + timeDealId));
        commands.sendAndWait(Metadata.asActor(new ChangeTimeDealCommand(timeDealId, change.originalPrice(),
                change.dealPrice(), change.stockQuantity(), change.startAt(), change.endAt(), change.maxPerShopper()),
                actor));
        readModels.awaitCaughtUp(readModelWait);
        return views.timeDeal(StreamIds.timeDeal(timeDealId), productOfDeal(deal.productId()));
    }

    /** A deal shows its product as it is, deleted or not. */
    private ProductDetail productOfDeal(long productId) {
        return views.product(StreamIds.product(productId)).orElseThrow();
    }

    /**
     * Withdraws a deal. Its open orders are canceled by their sagas, which release their stock; the answer waits,
     * bounded, until that has settled, so it shows what is left held (orders in payment) and sold.
     */
    public TimeDealDetail cancelTimeDeal(long timeDealId, Actor actor) {
        TimeDealCreatedEvent deal = creations.of(StreamIds.timeDeal(timeDealId), TimeDealCreatedEvent.class)
                .orElseThrow(() -> DomainException.notFound("Time deal " + timeDealId));
        commands.sendAndWait(Metadata.asActor(new CancelTimeDealCommand(timeDealId), actor));
        readModels.awaitSettled(cascadeWait);
        return views.timeDeal(StreamIds.timeDeal(timeDealId), productOfDeal(deal.productId()));
    }

    /** The product as it is now; a deleted product is not found. */
    public java.util.Optional<ProductDetail> product(long productId) {
        return views.product(StreamIds.product(productId)).filter(p -> p.status() != ProductStatus.DELETED);
    }

    /** Whether the product was ever created, deleted or not. */
    public boolean productExists(long productId) {
        return creations.of(StreamIds.product(productId), ProductCreatedEvent.class).isPresent();
    }

    public boolean timeDealExists(long timeDealId) {
        return creations.of(StreamIds.timeDeal(timeDealId), TimeDealCreatedEvent.class).isPresent();
    }

    /** Keeps the sequences ahead of ids given explicitly (the demo data's 1..5). */
    public void advanceSequencesPast(long productId, long timeDealId) {
        jdbc.sql("SELECT setval('product_id_seq', GREATEST(:id, (SELECT last_value FROM product_id_seq)))")
                .param("id", productId).query(Long.class).single();
        jdbc.sql("SELECT setval('time_deal_id_seq', GREATEST(:id, (SELECT last_value FROM time_deal_id_seq)))")
                .param("id", timeDealId).query(Long.class).single();
    }

    private long nextId(String sequence) {
        return jdbc.sql("SELECT nextval('" + sequence + "')").query(Long.class).single();
    }
}
