package com.bbossiregi.timedeal.command.product;

import static com.bbossiregi.timedeal.command.DomainExceptionMatcher.domainError;
import static com.bbossiregi.timedeal.command.SnapshotRoundTrip.assertSurvivesSnapshot;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.product.ChangeProductCommand;
import com.bbossiregi.timedeal.api.product.CreateProductCommand;
import com.bbossiregi.timedeal.api.product.ProductChangedEvent;
import com.bbossiregi.timedeal.api.product.ProductDetail;
import com.bbossiregi.timedeal.api.product.ProductStatusChangedEvent;
import com.bbossiregi.timedeal.api.product.ProductCategory;
import com.bbossiregi.timedeal.api.product.ProductCreatedEvent;
import com.bbossiregi.timedeal.api.product.ProductStatus;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductTest {

    private static final long PRODUCT_ID = 1L;

    private FixtureConfiguration<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
    }

    private static CreateProductCommand create(String name, long price, ProductCategory category) {
        return new CreateProductCommand(
                PRODUCT_ID, name, "3kg of premium dog food", price, "https://img/1.png", "https://img/1-thumb.png", category);
    }

    @Test
    void createsAnActiveProduct() {
        fixture.givenNoPriorActivity()
                .when(create("Premium dog food 3kg", 45_000, ProductCategory.FOOD))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProductCreatedEvent(
                        PRODUCT_ID, "Premium dog food 3kg", "3kg of premium dog food", 45_000,
                        "https://img/1.png", "https://img/1-thumb.png", ProductCategory.FOOD, ProductStatus.ACTIVE))
                .expectState(product -> assertSurvivesSnapshot(product));
    }

    @Test
    void acceptsANameOfExactlyTheMaximumLength() {
        String name = "n".repeat(Product.MAX_NAME_LENGTH);
        fixture.givenNoPriorActivity()
                .when(create(name, 1, ProductCategory.TOY))
                .expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void refusesABlankName(String name) {
        fixture.givenNoPriorActivity()
                .when(create(name, 45_000, ProductCategory.FOOD))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.VALIDATION_ERROR,
                        List.of(Map.of("field", "name", "message", "must not be blank"))));
    }

    @Test
    void refusesAMissingName() {
        fixture.givenNoPriorActivity()
                .when(create(null, 45_000, ProductCategory.FOOD))
                .expectException(domainError(ErrorCode.VALIDATION_ERROR,
                        List.of(Map.of("field", "name", "message", "must not be blank"))));
    }

    @Test
    void refusesANameLongerThanTheMaximum() {
        fixture.givenNoPriorActivity()
                .when(create("n".repeat(Product.MAX_NAME_LENGTH + 1), 45_000, ProductCategory.FOOD))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.VALIDATION_ERROR,
                        List.of(Map.of("field", "name", "message", "must be at most 255 characters"))));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -100})
    void refusesANonPositivePrice(long price) {
        fixture.givenNoPriorActivity()
                .when(create("Cat tower", price, ProductCategory.LIVING))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.VALIDATION_ERROR,
                        List.of(Map.of("field", "price", "message", "must be greater than 0"))));
    }

    @Test
    void refusesAMissingCategoryAndReportsEveryViolation() {
        fixture.givenNoPriorActivity()
                .when(create(" ", 0, null))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.VALIDATION_ERROR, List.of(
                        Map.of("field", "name", "message", "must not be blank"),
                        Map.of("field", "price", "message", "must be greater than 0"),
                        Map.of("field", "category", "message", "is required"))));
    }

    private static final ProductCreatedEvent CREATED = new ProductCreatedEvent(PRODUCT_ID, "Dog food", "3kg", 45_000,
            "https://img/1.png", "https://img/1-thumb.png", ProductCategory.FOOD, ProductStatus.ACTIVE);

    private static ChangeProductCommand change(String name, Long price, ProductStatus status) {
        return new ChangeProductCommand(PRODUCT_ID, name, null, price, null, null, null, status);
    }

    @Test
    void aChangeRecordsTheWholeNewTermsKeepingWhatWasLeftOut() {
        fixture.given(CREATED)
                .when(change("Dog food 5kg", 59_000L, null))
                .expectEvents(new ProductChangedEvent(PRODUCT_ID, "Dog food 5kg", "3kg", 59_000, "https://img/1.png",
                        "https://img/1-thumb.png", ProductCategory.FOOD))
                .expectResultMessagePayload(new ProductDetail(PRODUCT_ID, "Dog food 5kg", "3kg", 59_000,
                        "https://img/1.png", "https://img/1-thumb.png", ProductCategory.FOOD, ProductStatus.ACTIVE));
    }

    @Test
    void aStatusChangeIsItsOwnEvent() {
        fixture.given(CREATED)
                .when(change(null, null, ProductStatus.INACTIVE))
                .expectEvents(new ProductStatusChangedEvent(PRODUCT_ID, ProductStatus.INACTIVE));
    }

    @Test
    void aChangeToWhatItAlreadyIsRecordsNothing() {
        fixture.given(CREATED)
                .when(change("Dog food", 45_000L, ProductStatus.ACTIVE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDeletedProductIsGoneForChanges() {
        fixture.given(CREATED, new ProductStatusChangedEvent(PRODUCT_ID, ProductStatus.DELETED))
                .when(change("Back again", null, ProductStatus.ACTIVE))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.NOT_FOUND));
    }

    @Test
    void survivesAJacksonSnapshotAfterChanges() {
        fixture.given(CREATED, new ProductStatusChangedEvent(PRODUCT_ID, ProductStatus.INACTIVE))
                .when(change("Dog food 5kg", null, null))
                .expectState(product -> assertSurvivesSnapshot(product));
    }
}
