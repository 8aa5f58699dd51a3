package com.bbossiregi.timedeal.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns Jackson's failure to read a request body into the field it concerns (as the client wrote it, snake_case) and
 * a message meant for the client, without Java type names.
 */
final class JsonProblems {

    record Problem(String field, String message) {
    }

    private JsonProblems() {
    }

    /** @return the problem, or null when the body is not JSON at all (nothing to name) */
    static Problem of(Throwable cause) {
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return new Problem(field, describe(mapping));
        }
        if (cause instanceof JsonProcessingException parse && parse.getProcessor() instanceof JsonParser parser
                && parse.getOriginalMessage() != null && parse.getOriginalMessage().startsWith("Duplicate field")) {
            return new Problem(parser.getParsingContext().getCurrentName(), "appears more than once");
        }
        return null;
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof StrictJson.UnstorableValue) {
            return e.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e.getCause() instanceof InputCoercionException) {
            return "is out of range";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        return "has the wrong type or shape";
    }

    private static String expected(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-02-27T14:05:00Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        return "of the documented type";
    }
}
