package com.bbossiregi.timedeal.api.common;

/**
 * The one exception type for a rule the caller broke. It carries the contract's error code and,
 * where the contract asks for them, details (for example the available and requested quantities).
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final transient Object details;

    public DomainException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public DomainException(ErrorCode code, String message, Object details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    public ErrorCode code() {
        return code;
    }

    public Object details() {
        return details;
    }

    public static DomainException notFound(String what) {
        return new DomainException(ErrorCode.NOT_FOUND, what + " not found");
    }
}
