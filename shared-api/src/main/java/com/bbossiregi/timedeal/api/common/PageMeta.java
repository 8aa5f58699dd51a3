package com.bbossiregi.timedeal.api.common;

/** The contract's list meta: {@code {"total":50,"page":1,"per_page":20,"total_pages":3}}. */
public record PageMeta(long total, int page, int perPage, long totalPages) {

    public static PageMeta of(PageRequest request, long total) {
        long pages = (total + request.perPage() - 1) / request.perPage();
        return new PageMeta(total, request.page(), request.perPage(), pages);
    }
}
