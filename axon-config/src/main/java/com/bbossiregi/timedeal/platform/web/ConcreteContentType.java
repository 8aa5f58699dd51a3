package com.bbossiregi.timedeal.platform.web;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A body's {@code Content-Type} must name one type: {@code *}{@code /*} or {@code application/*} says nothing about the
 * bytes, and Spring MVC fails on it with an {@link IllegalArgumentException} (a 500) while reading the body. Answered
 * 415 here, before any handler, since no later layer can tell this mistake from a bug.
 */
final class ConcreteContentType extends OncePerRequestFilter {

    private final EnvelopeWriter envelope;

    ConcreteContentType(EnvelopeWriter envelope) {
        this.envelope = envelope;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !contentType.isBlank() && !isConcrete(contentType)) {
            envelope.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.BAD_REQUEST,
                    "Content-Type must name one media type, such as application/json");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isConcrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
