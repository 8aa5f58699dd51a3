package com.bbossiregi.timedeal.platform.security;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a controller take the verified caller as an {@link AuthenticatedUser} parameter. */
class AuthenticatedUserResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return AuthenticatedUser.class.equals(parameter.getParameterType());
    }

    @Override
    public AuthenticatedUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                             NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            try {
                long userId = Long.parseLong(token.getToken().getSubject());
                return new AuthenticatedUser(userId, token.getToken().getClaimAsString(SecurityConfiguration.ROLE_CLAIM));
            } catch (NumberFormatException e) {
                throw new DomainException(ErrorCode.UNAUTHORIZED, "The token names no user");
            }
        }
        throw new DomainException(ErrorCode.UNAUTHORIZED, "A valid bearer token is required");
    }
}
