package com.bbossiregi.timedeal.platform.ratelimit;

import com.bbossiregi.timedeal.platform.database.SchemaModule;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/** The rate limits of the API's abuse-prone endpoints, and the table their buckets live in. */
@AutoConfiguration
@EnableConfigurationProperties(RateLimitSettings.class)
public class RateLimitConfiguration {

    @Bean
    SchemaModule rateLimitSchema() {
        return new SchemaModule("ratelimit", "classpath:db/migration/ratelimit", 5);
    }

    @Bean
    RateLimiter rateLimiter(DataSource dataSource, RateLimitSettings settings) {
        return new RateLimiter(dataSource, settings);
    }

    @Bean
    RateLimitFilter rateLimitFilter(RateLimiter limiter, RateLimitSettings settings, ObjectMapper json) {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        return new RateLimitFilter(limiter, List.of(
                new RateLimitFilter.Rule("login", path.matcher(HttpMethod.POST, "/api/v1/auth/login"),
                        settings.loginPerAddress(), null),
                new RateLimitFilter.Rule("register", path.matcher(HttpMethod.POST, "/api/v1/auth/register"),
                        settings.registerPerAddress(), null),
                new RateLimitFilter.Rule("orders", path.matcher(HttpMethod.POST, "/api/v1/orders"),
                        settings.ordersPerAddress(), settings.ordersPerAccount()),
                new RateLimitFilter.Rule("orders", path.matcher(HttpMethod.POST, "/api/v1/orders/*/payment"),
                        settings.ordersPerAddress(), settings.ordersPerAccount()),
                new RateLimitFilter.Rule("orders", path.matcher(HttpMethod.DELETE, "/api/v1/orders/*"),
                        settings.ordersPerAddress(), settings.ordersPerAccount())), json);
    }

    /** The filter runs inside the security chain (after authorization), never a second time as a servlet filter. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilterOutsideSecurity(RateLimitFilter filter) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
