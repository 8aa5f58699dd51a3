package com.bbossiregi.timedeal.command.admin;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A product image's address as a storefront puts it into a page: an http or https URL, or a path on the shop's own
 * host, at most 2048 characters, with no white space or control characters; empty takes the image away. Anything else
 * ({@code javascript:}, {@code data:}, a bare word) is what a page would run or misread, so it is refused at the edge.
 */
@Pattern(regexp = "(https?://[^\\s\\p{Cntrl}]+|/[^\\s\\p{Cntrl}]*)?", flags = Pattern.Flag.CASE_INSENSITIVE)
@Size(max = 2048)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface ImageAddress {
    String message() default "must be an http or https URL or a path starting with /, at most 2048 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
