package com.bbossiregi.timedeal.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Reads the bearer token only where one is needed. On an endpoint anyone may call, a client that still sends an
 * expired or otherwise invalid token is answered as the anonymous caller it is there, instead of 401: otherwise a
 * stale token would keep it from logging in again.
 */
final class PublicEndpointsIgnoreTokens implements BearerTokenResolver {

    private final BearerTokenResolver tokens = new DefaultBearerTokenResolver();
    private final RequestMatcher publicEndpoints;

    PublicEndpointsIgnoreTokens(RequestMatcher publicEndpoints) {
        this.publicEndpoints = publicEndpoints;
    }

    @Override
    public String resolve(HttpServletRequest request) {
        return publicEndpoints.matches(request) ? null : tokens.resolve(request);
    }
}
