package com.bbossiregi.timedeal.command.auth;

import com.bbossiregi.timedeal.command.support.ClassConstraints;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An account change names a status, a role or both; one naming neither is reported on the field
 * {@code status_or_role}. A class-level constraint rather than a derived {@code @JsonIgnore}d property of the record:
 * Jackson silently skips a field named after an ignored property, so {@code {"statusOrRole":true}} was accepted; now the
 * record has no property beyond its two fields, and the strict JSON reading refuses any other field as unknown.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NamesStatusOrRole.Check.class)
public @interface NamesStatusOrRole {

    String message() default "is required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<NamesStatusOrRole, AdminUsersController.AccountChange> {
        @Override
        public boolean isValid(AdminUsersController.AccountChange change, ConstraintValidatorContext context) {
            return change == null || change.status() != null || change.role() != null
                    || ClassConstraints.reportOn("statusOrRole", context);
        }
    }
}
