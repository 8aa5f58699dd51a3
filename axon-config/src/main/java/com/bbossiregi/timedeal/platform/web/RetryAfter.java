package com.bbossiregi.timedeal.platform.web;

/** An error's details when the caller may try again later; the answer also carries it as a {@code Retry-After} header. */
public record RetryAfter(long retryAfterSeconds) {
}
