package com.bbossiregi.timedeal.platform.web;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import org.springframework.http.HttpStatus;

/** The one place a contract error code becomes an HTTP status. */
public final class ErrorStatus {

    private ErrorStatus() {
    }

    public static HttpStatus of(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST, VALIDATION_ERROR, DEAL_NOT_ACTIVE, INVALID_QUANTITY, CANNOT_CANCEL, ALREADY_CANCELED,
                 ORDER_NOT_RESERVED ->
                    HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED, INVALID_CREDENTIALS -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case DUPLICATE_EMAIL, INSUFFICIENT_STOCK, PAYMENT_IN_PROGRESS, PURCHASE_LIMIT_EXCEEDED,
                 DEAL_ALREADY_STARTED -> HttpStatus.CONFLICT;
            case PAYMENT_FAILED -> HttpStatus.PAYMENT_REQUIRED;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
