package com.bbossiregi.timedeal.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request's trace id in the {@value #HEADER} answer header, errors included, so a shopper's report leads to
 * the log lines of the request, the saga and the read models. Runs right after Spring's HTTP observation, which opens
 * the request's span, and before security, so a 401 carries it too.
 */
final class TraceIdResponseHeader extends OncePerRequestFilter {

    static final String HEADER = "X-Trace-Id";

    private final Tracer tracer;

    TraceIdResponseHeader(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Span span = tracer.currentSpan();
        String traceId = span == null ? null : span.context().traceId();
        if (traceId != null && !traceId.isEmpty()) {
            response.setHeader(HEADER, traceId);
        }
        chain.doFilter(request, response);
    }
}
