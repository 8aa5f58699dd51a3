package com.bbossiregi.timedeal.query.apidoc;

import static com.bbossiregi.timedeal.api.common.ErrorCode.ALREADY_CANCELED;
import static com.bbossiregi.timedeal.api.common.ErrorCode.BAD_REQUEST;
import static com.bbossiregi.timedeal.api.common.ErrorCode.CANNOT_CANCEL;
import static com.bbossiregi.timedeal.api.common.ErrorCode.DEAL_ALREADY_STARTED;
import static com.bbossiregi.timedeal.api.common.ErrorCode.DEAL_NOT_ACTIVE;
import static com.bbossiregi.timedeal.api.common.ErrorCode.DUPLICATE_EMAIL;
import static com.bbossiregi.timedeal.api.common.ErrorCode.INSUFFICIENT_STOCK;
import static com.bbossiregi.timedeal.api.common.ErrorCode.INVALID_CREDENTIALS;
import static com.bbossiregi.timedeal.api.common.ErrorCode.INVALID_QUANTITY;
import static com.bbossiregi.timedeal.api.common.ErrorCode.NOT_FOUND;
import static com.bbossiregi.timedeal.api.common.ErrorCode.ORDER_NOT_RESERVED;
import static com.bbossiregi.timedeal.api.common.ErrorCode.PAYMENT_FAILED;
import static com.bbossiregi.timedeal.api.common.ErrorCode.PAYMENT_IN_PROGRESS;
import static com.bbossiregi.timedeal.api.common.ErrorCode.PURCHASE_LIMIT_EXCEEDED;
import static com.bbossiregi.timedeal.api.common.ErrorCode.RATE_LIMITED;
import static com.bbossiregi.timedeal.api.common.ErrorCode.SERVICE_UNAVAILABLE;
import static com.bbossiregi.timedeal.api.common.ErrorCode.VALIDATION_ERROR;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The error codes each operation answers beyond those every operation of its kind shares (401 UNAUTHORIZED where a
 * token is needed, 403 FORBIDDEN for admin operations, 500 INTERNAL_ERROR anywhere), keyed by method and path as
 * the controllers map them. The OpenAPI document is generated from this, and a test holds it and docs/api.md in step;
 * an operation missing here is documented with its shared errors only.
 */
final class OperationErrors {

    /** Success statuses other than the one the controller declares. */
    static final Map<String, List<Integer>> EXTRA_SUCCESS = Map.of(
            "POST /api/v1/orders", List.of(201),
            "POST /api/v1/admin/projections/{name}/replay", List.of(202));

    static final Map<String, Set<ErrorCode>> SPECIFIC = Map.ofEntries(
            Map.entry("POST /api/v1/auth/register", EnumSet.of(BAD_REQUEST, VALIDATION_ERROR, DUPLICATE_EMAIL,
                    RATE_LIMITED)),
            Map.entry("POST /api/v1/auth/login", EnumSet.of(BAD_REQUEST, INVALID_CREDENTIALS, RATE_LIMITED)),
            Map.entry("GET /api/v1/timedeals", EnumSet.of(BAD_REQUEST)),
            Map.entry("GET /api/v1/timedeals/{id}", EnumSet.of(BAD_REQUEST, NOT_FOUND)),
            Map.entry("GET /api/v1/timedeals/live", EnumSet.of(RATE_LIMITED, SERVICE_UNAVAILABLE)),
            Map.entry("GET /api/v1/timedeals/{id}/live", EnumSet.of(BAD_REQUEST, NOT_FOUND, RATE_LIMITED,
                    SERVICE_UNAVAILABLE)),
            Map.entry("POST /api/v1/orders", EnumSet.of(BAD_REQUEST, VALIDATION_ERROR, INVALID_QUANTITY,
                    DEAL_NOT_ACTIVE, NOT_FOUND, INSUFFICIENT_STOCK, PURCHASE_LIMIT_EXCEEDED, RATE_LIMITED)),
            Map.entry("GET /api/v1/orders", EnumSet.of(BAD_REQUEST)),
            Map.entry("GET /api/v1/orders/{id}", EnumSet.of(ErrorCode.FORBIDDEN, NOT_FOUND)),
            Map.entry("DELETE /api/v1/orders/{orderId}", EnumSet.of(ALREADY_CANCELED, CANNOT_CANCEL,
                    ErrorCode.FORBIDDEN, NOT_FOUND, PAYMENT_IN_PROGRESS, RATE_LIMITED)),
            Map.entry("POST /api/v1/orders/{orderId}/payment", EnumSet.of(BAD_REQUEST, ALREADY_CANCELED, ORDER_NOT_RESERVED,
                    PAYMENT_FAILED, ErrorCode.FORBIDDEN, NOT_FOUND, PAYMENT_IN_PROGRESS, RATE_LIMITED)),
            Map.entry("GET /api/v1/admin/users", EnumSet.of(BAD_REQUEST)),
            Map.entry("PATCH /api/v1/admin/users/{userId}", EnumSet.of(BAD_REQUEST, VALIDATION_ERROR, NOT_FOUND)),
            Map.entry("GET /api/v1/orders/{id}/events", EnumSet.of(ErrorCode.FORBIDDEN, NOT_FOUND)),
            Map.entry("POST /api/v1/admin/products", EnumSet.of(BAD_REQUEST, VALIDATION_ERROR)),
            Map.entry("POST /api/v1/admin/timedeals", EnumSet.of(BAD_REQUEST, VALIDATION_ERROR, NOT_FOUND)),
            Map.entry("DELETE /api/v1/admin/timedeals/{timeDealId}", EnumSet.of(BAD_REQUEST, ALREADY_CANCELED,
                    CANNOT_CANCEL, NOT_FOUND)),
            Map.entry("PATCH /api/v1/admin/timedeals/{timeDealId}", EnumSet.of(BAD_REQUEST, VALIDATION_ERROR, NOT_FOUND,
                    DEAL_ALREADY_STARTED)),
            Map.entry("GET /api/v1/admin/products", EnumSet.of(BAD_REQUEST)),
            Map.entry("GET /api/v1/admin/products/{id}", EnumSet.of(BAD_REQUEST, NOT_FOUND)),
            Map.entry("PATCH /api/v1/admin/products/{productId}", EnumSet.of(BAD_REQUEST, VALIDATION_ERROR, NOT_FOUND)),
            Map.entry("POST /api/v1/admin/projections/{group}/dead-letters/retry", EnumSet.of(NOT_FOUND)),
            Map.entry("POST /api/v1/admin/projections/{group}/dead-letters/{sequenceId}/retry", EnumSet.of(NOT_FOUND)),
            Map.entry("DELETE /api/v1/admin/projections/{group}/dead-letters/{sequenceId}", EnumSet.of(NOT_FOUND)),
            Map.entry("GET /api/v1/admin/timedeals/{timeDealId}", EnumSet.of(BAD_REQUEST, NOT_FOUND)),
            Map.entry("GET /api/v1/admin/orders/{orderId}", EnumSet.of(BAD_REQUEST, NOT_FOUND)),
            Map.entry("GET /api/v1/admin/orders", EnumSet.of(BAD_REQUEST)),
            Map.entry("POST /api/v1/admin/projections/{name}/replay", EnumSet.of(NOT_FOUND)),
            Map.entry("GET /api/v1/admin/events", EnumSet.of(BAD_REQUEST)),
            Map.entry("GET /api/v1/admin/timedeals/{id}/events", EnumSet.of(BAD_REQUEST, NOT_FOUND)),
            Map.entry("GET /api/v1/admin/audit/timedeals/{id}", EnumSet.of(BAD_REQUEST, NOT_FOUND)));

    private OperationErrors() {
    }
}
