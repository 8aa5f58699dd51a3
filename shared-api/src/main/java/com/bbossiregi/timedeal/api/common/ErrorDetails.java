package com.bbossiregi.timedeal.api.common;

/**
 * A {@link DomainException} in a form that crosses process boundaries: a command handled on another node sends it
 * back as the details of its failure, and the dispatching node restores the exception from it, code, message and
 * details unchanged. {@code details} holds plain JSON values (maps, lists, strings, numbers).
 */
public record ErrorDetails(ErrorCode code, String message, Object details) {

    public DomainException toException() {
        return new DomainException(code, message, details);
    }
}
