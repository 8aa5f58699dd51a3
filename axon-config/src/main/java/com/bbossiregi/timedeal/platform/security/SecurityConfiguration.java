package com.bbossiregi.timedeal.platform.security;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.platform.ratelimit.RateLimitFilter;
import com.bbossiregi.timedeal.platform.web.ApiError;
import com.bbossiregi.timedeal.platform.web.ErrorStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call what, for both sides: bearer tokens (HS256 JWT from {@code /auth/login}) verified on every request,
 * {@code /admin/**} and any actuator endpoint on this port ({@code /actuator/**}) for role {@code admin} only (the
 * probes and the scrape are on the management port, {@link ManagementPortSecurity}), CORS for the
 * configured origins, and 401/403 in the contract's error envelope.
 */
@AutoConfiguration(before = SecurityAutoConfiguration.class)
@EnableWebSecurity
@EnableConfigurationProperties({SecuritySettings.class, CorsSettings.class})
public class SecurityConfiguration {

    public static final String ROLE_CLAIM = "role";

    /** What anyone may call. A bearer token sent here is not read, so a stale one cannot turn the answer into a 401. */
    static final RequestMatcher PUBLIC_ENDPOINTS = publicEndpoints(PathPatternRequestMatcher.withDefaults());

    private static RequestMatcher publicEndpoints(PathPatternRequestMatcher.Builder path) {
        return new OrRequestMatcher(
                path.matcher(HttpMethod.OPTIONS, "/**"),
                path.matcher(HttpMethod.GET, "/api/v1/health"),
                path.matcher(HttpMethod.GET, "/api/v1/timedeals"),
                path.matcher(HttpMethod.GET, "/api/v1/timedeals/**"),
                path.matcher("/api/v1/auth/**"),
                // The storefront's static files and the API description.
                path.matcher(HttpMethod.GET, "/"),
                path.matcher(HttpMethod.GET, "/index.html"),
                path.matcher(HttpMethod.GET, "/app.js"),
                path.matcher(HttpMethod.GET, "/style.css"),
                path.matcher(HttpMethod.GET, "/favicon.ico"),
                path.matcher(HttpMethod.GET, "/v3/api-docs"),
                path.matcher(HttpMethod.GET, "/v3/api-docs/**"),
                path.matcher(HttpMethod.GET, "/swagger-ui.html"),
                path.matcher(HttpMethod.GET, "/swagger-ui/**"));
    }

    @Bean
    JwtSettings jwtSettings(SecuritySettings settings, Environment environment) {
        return JwtSettings.from(settings, environment);
    }

    @Bean
    JwtDecoder jwtDecoder(JwtSettings settings, SecuritySettings security) {
        return new CachingJwtDecoder(
                NimbusJwtDecoder.withSecretKey(settings.key()).macAlgorithm(MacAlgorithm.HS256).build(),
                Clock.systemUTC(), security.verifiedTokensCache());
    }

    /**
     * Spring Security would otherwise wrap authentication and every filter in an observation of its own, which costs
     * even when its metrics are switched off; requests are still timed as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    JwtEncoder jwtEncoder(JwtSettings settings) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(settings.key()));
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper objectMapper, ObjectProvider<AccountStatuses> accounts,
                                    ObjectProvider<RateLimitFilter> rateLimits) throws Exception {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLE_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);
        AccountStatuses statuses = accounts.getIfAvailable();
        Converter<Jwt, ? extends AbstractAuthenticationToken> caller =
                statuses == null ? authentication : new ActiveAccountAuthentication(authentication, statuses);

        http.csrf(csrf -> csrf.disable())
                .cors(cors -> { })
                .headers(headers -> headers.addObjectPostProcessor(HEADERS_BEFORE_THE_HANDLER))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC_ENDPOINTS).permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole(AuthenticatedUser.ADMIN)
                        .requestMatchers("/actuator/**").hasRole(AuthenticatedUser.ADMIN)
                        .requestMatchers("/api/v1/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resource -> resource
                        .bearerTokenResolver(new PublicEndpointsIgnoreTokens(PUBLIC_ENDPOINTS))
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(caller))
                        .authenticationEntryPoint((request, response, e) ->
                                write(response, objectMapper, ErrorCode.UNAUTHORIZED, e instanceof DisabledException
                                        ? "The account is not active, or its role changed: log in again"
                                        : "A valid bearer token is required"))
                        .accessDeniedHandler((request, response, e) ->
                                write(response, objectMapper, ErrorCode.FORBIDDEN, "Not allowed")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                write(response, objectMapper, ErrorCode.UNAUTHORIZED, "A valid bearer token is required"))
                        .accessDeniedHandler((request, response, e) ->
                                write(response, objectMapper, ErrorCode.FORBIDDEN, "Not allowed")));
        rateLimits.ifAvailable(limits -> http.addFilterAfter(limits, AuthorizationFilter.class));
        return http.build();
    }

    /**
     * Spring Security writes its response headers (X-Content-Type-Options, Cache-Control and the rest) once the handler
     * has returned, or when the body is first written. A stream's body (the live stock's server-sent events, the event
     * export) is written by another thread while the request's own thread is still leaving the filters, and Tomcat's
     * header map is not made for two threads: under a thousand streams opening at once, one in a few thousand met
     * the other thread's header writes and failed inside Tomcat, and its client waited for headers that never came.
     * Written before the handler runs, the headers are in place before any other thread may write the response.
     */
    static final ObjectPostProcessor<HeaderWriterFilter> HEADERS_BEFORE_THE_HANDLER = new ObjectPostProcessor<>() {
        @Override
        public <F extends HeaderWriterFilter> F postProcess(F filter) {
            filter.setShouldWriteHeadersEagerly(true);
            return filter;
        }
    };

    private static void write(HttpServletResponse response, ObjectMapper mapper, ErrorCode code, String message)
            throws IOException {
        response.setStatus(ErrorStatus.of(code).value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), ApiError.of(code, message, null));
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsSettings settings) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(settings.allowedOrigins().stream().map(String::trim).filter(o -> !o.isEmpty()).toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
        cors.setExposedHeaders(List.of("Location", "X-Trace-Id"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    @Bean
    WebMvcConfigurer authenticatedUserArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new AuthenticatedUserResolver());
            }
        };
    }
}
