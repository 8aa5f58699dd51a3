package com.bbossiregi.timedeal.command.admin;

import static com.bbossiregi.timedeal.command.support.ClassConstraints.reportOn;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The cross-field rules of a new deal, as class-level constraints on {@link CatalogCommands.NewTimeDeal}. Each reports
 * on the field a client would change, so the error names it. A rule holds when a value it compares is missing: the
 * field's own {@code @NotNull} or {@code @Positive} reports that.
 */
public final class DealRules {

    private DealRules() {
    }

    /** {@code 0 < deal_price < original_price}. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = DealBelowOriginalPriceValidator.class)
    public @interface DealBelowOriginalPrice {
        String message() default "must be less than original_price";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** {@code start_at < end_at}. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = EndsAfterStartValidator.class)
    public @interface EndsAfterStart {
        String message() default "must be after start_at";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static final class DealBelowOriginalPriceValidator
            implements ConstraintValidator<DealBelowOriginalPrice, CatalogCommands.NewTimeDeal> {
        @Override
        public boolean isValid(CatalogCommands.NewTimeDeal deal, ConstraintValidatorContext context) {
            if (deal == null || deal.dealPrice() == null || deal.originalPrice() == null || deal.originalPrice() <= 0
                    || deal.dealPrice() < deal.originalPrice()) {
                return true;
            }
            return reportOn("dealPrice", context);
        }
    }

    public static final class EndsAfterStartValidator implements ConstraintValidator<EndsAfterStart, CatalogCommands.NewTimeDeal> {
        @Override
        public boolean isValid(CatalogCommands.NewTimeDeal deal, ConstraintValidatorContext context) {
            if (deal == null || deal.startAt() == null || deal.endAt() == null || deal.startAt().isBefore(deal.endAt())) {
                return true;
            }
            return reportOn("endAt", context);
        }
    }
}
