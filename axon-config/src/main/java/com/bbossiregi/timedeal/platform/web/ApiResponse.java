package com.bbossiregi.timedeal.platform.web;

import com.bbossiregi.timedeal.api.common.PageMeta;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The contract's success envelope: {@code {"success":true,"data":...,"meta":{...}}}, meta only on lists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(boolean success, T data, PageMeta meta) {

    public static <T> ApiResponse<T> of(T data) {
        return new ApiResponse<>(true, data, null);
    }

    public static <T> ApiResponse<T> page(T items, PageMeta meta) {
        return new ApiResponse<>(true, items, meta);
    }
}
