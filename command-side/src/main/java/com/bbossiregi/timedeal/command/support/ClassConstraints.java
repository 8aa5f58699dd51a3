package com.bbossiregi.timedeal.command.support;

import jakarta.validation.ConstraintValidatorContext;

/**
 * For class-level Bean Validation constraints on request records: a rule over several fields reports on one field by
 * name, so the error's {@code field} tells the client what to change.
 */
public final class ClassConstraints {

    private ClassConstraints() {
    }

    /**
     * Reports the constraint's own message on {@code field} (a Java property name; the error handler writes it in
     * snake_case, and it need not be a component of the record).
     *
     * @return false, for a validator to return
     */
    public static boolean reportOn(String field, ConstraintValidatorContext context) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode(field)
                .addConstraintViolation();
        return false;
    }
}
