package com.bbossiregi.timedeal.api.common;

/** The contract's error codes; the HTTP status of each is decided in one place, the web layer. */
public enum ErrorCode {
    BAD_REQUEST,
    VALIDATION_ERROR,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    DUPLICATE_EMAIL,
    INVALID_CREDENTIALS,
    DEAL_NOT_ACTIVE,
    INVALID_QUANTITY,
    INSUFFICIENT_STOCK,
    CANNOT_CANCEL,
    ALREADY_CANCELED,
    PAYMENT_FAILED,
    ORDER_NOT_RESERVED,
    PAYMENT_IN_PROGRESS,
    PURCHASE_LIMIT_EXCEEDED,
    DEAL_ALREADY_STARTED,
    INTERNAL_ERROR
}
