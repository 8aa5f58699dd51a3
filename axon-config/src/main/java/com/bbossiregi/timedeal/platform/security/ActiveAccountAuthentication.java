package com.bbossiregi.timedeal.platform.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a verified token into the caller's authentication only while its account is still active with the role the
 * token names; otherwise the request fails authentication (401 in the envelope), whatever the token's expiry says.
 */
final class ActiveAccountAuthentication implements Converter<Jwt, AbstractAuthenticationToken> {

    private final Converter<Jwt, ? extends AbstractAuthenticationToken> delegate;
    private final AccountStatuses statuses;

    ActiveAccountAuthentication(Converter<Jwt, ? extends AbstractAuthenticationToken> delegate, AccountStatuses statuses) {
        this.delegate = delegate;
        this.statuses = statuses;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        long userId;
        try {
            userId = Long.parseLong(jwt.getSubject());
        } catch (NumberFormatException e) {
            throw new InvalidBearerTokenException("The token names no user");
        }
        if (!statuses.allows(userId, jwt.getClaimAsString(SecurityConfiguration.ROLE_CLAIM))) {
            throw new DisabledException("The account is not active, or its role changed: log in again");
        }
        return delegate.convert(jwt);
    }
}
