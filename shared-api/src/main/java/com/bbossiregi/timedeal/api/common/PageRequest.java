package com.bbossiregi.timedeal.api.common;

/** A 1-based page of a list, as the contract's {@code page} and {@code per_page} parameters. */
public record PageRequest(int page, int perPage) {

    public static final int MAX_PER_PAGE = 100;

    public PageRequest {
        if (page < 1) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "page must be 1 or more");
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "per_page must be between 1 and " + MAX_PER_PAGE);
        }
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
