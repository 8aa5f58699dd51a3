package com.bbossiregi.timedeal.command.product;

import static com.bbossiregi.timedeal.command.SnapshotRoundTrip.assertSurvivesSnapshot;

import com.bbossiregi.timedeal.api.product.CreateProductCommand;
import com.bbossiregi.timedeal.api.product.ProductCategory;
import com.bbossiregi.timedeal.api.product.ProductCreatedEvent;
import com.bbossiregi.timedeal.api.product.ProductStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    // The product's shape (name, price, category) is checked at the HTTP edge: CatalogRequestsTest, EdgeIT.
}
