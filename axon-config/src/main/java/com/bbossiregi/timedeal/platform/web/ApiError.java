package com.bbossiregi.timedeal.platform.web;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The contract's error envelope: {@code {"success":false,"error":{"code","message","details"}}}. The code is
 * written as its contract name ({@code NOT_FOUND}), unlike domain enums, which the API writes in lower case.
 */
public record ApiError(boolean success, Body error) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(String code, String message, Object details) {
    }

    public static ApiError of(ErrorCode code, String message, Object details) {
        return new ApiError(false, new Body(code.name(), message, details));
    }
}
