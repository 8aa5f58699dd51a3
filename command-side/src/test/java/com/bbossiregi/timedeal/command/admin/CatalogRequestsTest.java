package com.bbossiregi.timedeal.command.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.product.ProductCategory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin requests' shape rules, declared once on the request records (moved there from the aggregates). */
class CatalogRequestsTest {

    private static final Instant START = Instant.parse("2026-02-27T14:00:00Z");
    private static final Instant END = Instant.parse("2026-02-27T15:00:00Z");

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static Map<String, String> violations(Object request) {
        Map<String, String> byField = new TreeMap<>();
        for (ConstraintViolation<Object> violation : validator.validate(request)) {
            byField.merge(violation.getPropertyPath().toString(), violation.getMessage(), (a, b) -> a + "; " + b);
        }
        return byField;
    }

    private static CatalogCommands.NewTimeDeal deal(Long original, Long dealPrice, Integer stock, Instant start, Instant end) {
        return new CatalogCommands.NewTimeDeal(1L, original, dealPrice, stock, start, end, null);
    }

    @Test
    void aWellFormedDealHasNoViolations() {
        assertThat(violations(deal(45_000L, 29_900L, 100, START, END))).isEmpty();
        assertThat(violations(deal(null, 29_900L, 100, START, END))).isEmpty();
    }

    @Test
    void theDealPriceMustBeBelowTheOriginalPrice() {
        assertThat(violations(deal(45_000L, 45_000L, 100, START, END)))
                .containsExactlyEntriesOf(Map.of("dealPrice", "must be less than original_price"));
    }

    @Test
    void pricesAndStockMustBePositive() {
        assertThat(violations(deal(0L, 0L, 0, START, END))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "originalPrice", "must be greater than 0",
                "dealPrice", "must be greater than 0",
                "stockQuantity", "must be greater than 0"));
    }

    @Test
    void pricesHaveACeiling() {
        assertThat(violations(deal(CatalogCommands.MAX_PRICE + 1, 1L, 1, START, END)))
                .containsOnlyKeys("originalPrice");
    }

    @Test
    void theEndMustBeAfterTheStart() {
        assertThat(violations(deal(45_000L, 29_900L, 100, END, START)))
                .containsExactlyEntriesOf(Map.of("endAt", "must be after start_at"));
        assertThat(violations(deal(45_000L, 29_900L, 100, START, START))).containsOnlyKeys("endAt");
    }

    @Test
    void everyFieldButTheOriginalPriceIsRequired() {
        assertThat(violations(new CatalogCommands.NewTimeDeal(null, null, null, null, null, null, null)))
                .containsOnlyKeys("productId", "dealPrice", "stockQuantity", "startAt", "endAt");
    }

    @Test
    void aProductNeedsANameAPositivePriceAndACategory() {
        assertThat(violations(new CatalogCommands.NewProduct("Cat tower", null, 89_000L, null, null,
                ProductCategory.LIVING))).isEmpty();
        assertThat(violations(new CatalogCommands.NewProduct(" ", null, 0L, null, null, null)))
                .containsOnlyKeys("name", "price", "category");
        assertThat(violations(new CatalogCommands.NewProduct("n".repeat(256), null, 1L, null, null,
                ProductCategory.TOY))).containsOnlyKeys("name");
        assertThat(violations(new CatalogCommands.NewProduct("n".repeat(255), null, 1L, null, null,
                ProductCategory.TOY))).isEmpty();
    }
}
