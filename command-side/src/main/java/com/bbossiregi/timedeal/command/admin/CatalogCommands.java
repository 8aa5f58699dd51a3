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
import com.bbossiregi.timedeal.command.support.Metadata;
import com.bbossiregi.timedeal.platform.axon.ReadModelCatchUp;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Set;
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
    private final Validator validator;

    public CatalogCommands(CommandGateway commands, CreationEvents creations, JdbcClient jdbc, ReadModelCatchUp readModels,
                           CommandModelViews views, Validator validator, OrderSettings settings) {
        this.commands = commands;
        this.creations = creations;
        this.jdbc = jdbc;
        this.readModels = readModels;
        this.views = views;
        this.readModelWait = settings.readModelWait();
        this.cascadeWait = settings.outcomeWait();
        this.validator = validator;
    }

    /**
     * Prices are whole won, at most a trillion, so that a price times the largest order quantity always fits the
     * read models' BIGINT columns.
     */
    public static final long MAX_PRICE = 1_000_000_000_000L;

    public record NewProduct(@NotBlank @Size(max = 255) String name,
                             String description,
                             @NotNull @Positive @Max(MAX_PRICE) Long price,
                             @ImageAddress String imageUrl,
                             @ImageAddress String thumbnailUrl,
                             @NotNull ProductCategory category) {
    }

    /**
     * {@code original_price} defaults to the product's price; the rules are checked again once it is filled in.
     * {@code maxPerShopper}: the most units one shopper may hold of the deal at once; none for no limit.
     */
    @DealRules.DealBelowOriginalPrice
    @DealRules.EndsAfterStart
    public record NewTimeDeal(@NotNull @Positive Long productId,
                              @Positive @Max(MAX_PRICE) Long originalPrice,
                              @NotNull @Positive @Max(MAX_PRICE) Long dealPrice,
                              @NotNull @Positive Integer stockQuantity,
                              @NotNull Instant startAt,
                              @NotNull Instant endAt,
                              @Positive Integer maxPerShopper) {

        NewTimeDeal withOriginalPrice(long price) {
            return new NewTimeDeal(productId, price, dealPrice, stockQuantity, startAt, endAt, maxPerShopper);
        }
    }

    public ProductDetail createProduct(NewProduct request, Actor actor) {
        return createProduct(nextId("product_id_seq"), request, actor);
    }

    public ProductDetail createProduct(long productId, NewProduct request, Actor actor) {
        validate(request);
        commands.sendAndWait(Metadata.asActor(new CreateProductCommand(productId, request.name().trim(), request.description(),
                request.price(), request.imageUrl(), request.thumbnailUrl(), request.category()), actor));
        readModels.awaitCaughtUp(readModelWait);
        return product(productId).orElseThrow();
    }

    public TimeDealDetail createTimeDeal(NewTimeDeal request, Actor actor) {
        return createTimeDeal(nextId("time_deal_id_seq"), request, actor);
    }

    public TimeDealDetail createTimeDeal(long timeDealId, NewTimeDeal request, Actor actor) {
        validate(request);
        ProductDetail product = product(request.productId())
                .orElseThrow(() -> DomainException.notFound("Product " + request.productId()));
        NewTimeDeal deal = request.originalPrice() != null ? request : request.withOriginalPrice(product.price());
        validate(deal);
        commands.sendAndWait(Metadata.asActor(new CreateTimeDealCommand(timeDealId, product.id(), deal.originalPrice(),
                deal.dealPrice(), deal.stockQuantity(), deal.startAt(), deal.endAt(), deal.maxPerShopper()), actor));
        readModels.awaitCaughtUp(readModelWait);
        return views.timeDeal(StreamIds.timeDeal(timeDealId), product);
    }

    /** What an admin may change of a product; a field left out stays as it is. */
    public record ProductChange(@Size(max = 255) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
                                String description,
                                @Positive @Max(MAX_PRICE) Long price,
                                @ImageAddress String imageUrl,
                                @ImageAddress String thumbnailUrl,
                                ProductCategory category,
                                ProductStatus status) {
    }

    /**
     * What an admin may change of a deal that has not started; a field left out stays as it is. The rules that need the
     * deal's other terms (deal price below original, start before end, start still ahead) are the deal's own.
     */
    public record TimeDealChange(@Positive @Max(MAX_PRICE) Long originalPrice,
                                 @Positive @Max(MAX_PRICE) Long dealPrice,
                                 @Positive Integer stockQuantity,
                                 Instant startAt,
                                 Instant endAt,
                                 @Positive Integer maxPerShopper) {
    }

    public ProductDetail changeProduct(long productId, ProductChange change, Actor actor) {
        ProductDetail changed = commands.sendAndWait(Metadata.asActor(new ChangeProductCommand(productId, change.name(),
                change.description(), change.price(), change.imageUrl(), change.thumbnailUrl(), change.category(),
                change.status()), actor));
        readModels.awaitCaughtUp(readModelWait);
        return changed;
    }

    public TimeDealDetail changeTimeDeal(long timeDealId, TimeDealChange change, Actor actor) {
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

    /** The request records' own rules, for callers that did not come through the HTTP edge (the demo data). */
    private <T> void validate(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    private long nextId(String sequence) {
        return jdbc.sql("SELECT nextval('" + sequence + "')").query(Long.class).single();
    }
}
