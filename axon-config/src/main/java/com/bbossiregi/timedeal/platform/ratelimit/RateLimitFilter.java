package com.bbossiregi.timedeal.platform.ratelimit;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.platform.web.ApiError;
import com.bbossiregi.timedeal.platform.web.ErrorStatus;
import com.bbossiregi.timedeal.platform.web.RetryAfter;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the rate limits configured for a request's method and path, per client address and, once the caller is
 * known, per account; a request over a limit is answered 429 {@code RATE_LIMITED} in the envelope with
 * {@code Retry-After}. The client address is the connection's remote address; behind a proxy Tomcat replaces it with
 * the forwarded one only when told to trust that proxy ({@code server.forward-headers-strategy=native}, runbook).
 * Runs in the security chain after authorization, so only requests that would be served are counted.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    /**
     * The limits for the requests one matcher selects; {@code perAccount} may be null. Rules sharing a name share
     * their buckets.
     */
    public record Rule(String name, RequestMatcher requests, RateLimitSettings.Limit perAddress,
                       RateLimitSettings.Limit perAccount) {
    }

    private final RateLimiter limiter;
    private final List<Rule> rules;
    private final ObjectMapper json;

    public RateLimitFilter(RateLimiter limiter, List<Rule> rules, ObjectMapper json) {
        this.limiter = limiter;
        this.rules = List.copyOf(rules);
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Rule rule : rules) {
            if (rule.requests().matches(request)) {
                long wait = limiter.tryConsume(rule.name() + ":address", request.getRemoteAddr(), rule.perAddress());
                String account = account();
                if (wait == 0 && rule.perAccount() != null && account != null) {
                    wait = limiter.tryConsume(rule.name() + ":account", account, rule.perAccount());
                }
                if (wait > 0) {
                    reject(response, wait);
                    return;
                }
                break;
            }
        }
        chain.doFilter(request, response);
    }

    private static String account() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()
                ? null : caller.getName();
    }

    private void reject(HttpServletResponse response, long waitSeconds) throws IOException {
        response.setStatus(ErrorStatus.of(ErrorCode.RATE_LIMITED).value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiError.of(ErrorCode.RATE_LIMITED,
                "Too many requests; try again in " + waitSeconds + " s", new RetryAfter(waitSeconds)));
    }
}
