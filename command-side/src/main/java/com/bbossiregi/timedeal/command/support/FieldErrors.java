package com.bbossiregi.timedeal.command.support;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Collects every problem of a request body, so a client learns all of them in one VALIDATION_ERROR. */
public final class FieldErrors {

    private final List<Map<String, String>> errors = new ArrayList<>();

    public FieldErrors check(boolean valid, String field, String message) {
        if (!valid) {
            reject(field, message);
        }
        return this;
    }

    public FieldErrors reject(String field, String message) {
        errors.add(Map.of("field", field, "message", message));
        return this;
    }

    public FieldErrors required(Object value, String field) {
        return check(value != null, field, "is required");
    }

    /** Throws VALIDATION_ERROR with every problem as details and all of them in the message. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            String summary = errors.stream()
                    .map(error -> error.get("field") + " " + error.get("message"))
                    .collect(Collectors.joining("; "));
            throw new DomainException(ErrorCode.VALIDATION_ERROR, summary, List.copyOf(errors));
        }
    }
}
