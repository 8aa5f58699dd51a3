package com.bbossiregi.timedeal.platform.web;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.platform.role.NodeRole;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * On a node that runs one side only, a path the other side serves with another method ({@code POST /orders} on a
 * query node, which serves {@code GET /orders}) is not this node's: it answers 404 in the envelope, like any other
 * path of the other side, rather than 405. Registered only on split roles (see {@code RoleConfiguration}); the
 * all-in-one node keeps {@link ApiExceptionHandler}'s 405.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OtherRoleErrors {

    private final NodeRole role;

    public OtherRoleErrors(NodeRole role) {
        this.role = role;
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> notServedHere(HttpRequestMethodNotSupportedException e) {
        return ApiExceptionHandler.respond(ErrorCode.NOT_FOUND,
                e.getMethod() + " is not served by this node (role " + role.name().toLowerCase(java.util.Locale.ROOT)
                        + ")", null);
    }
}
