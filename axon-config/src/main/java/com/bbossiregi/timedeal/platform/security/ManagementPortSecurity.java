package com.bbossiregi.timedeal.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The management port ({@code management.server.port}, 8081 by default) serves the probes and Prometheus's scrape
 * without a token: it is meant for the cluster's network, not for shoppers. The rule applies only to requests served
 * by the management server of its own (Boot's "management" server namespace); on the application's port
 * {@code /actuator/**} stays for admins ({@link SecurityConfiguration}), so putting the endpoints back on that port never
 * opens them.
 */
@AutoConfiguration(before = SecurityAutoConfiguration.class, after = SecurityConfiguration.class)
public class ManagementPortSecurity {

    static final String MANAGEMENT_NAMESPACE = "management";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain managementPortSecurity(HttpSecurity http) throws Exception {
        RequestMatcher onManagementServer = request -> WebServerApplicationContext.hasServerNamespace(
                WebApplicationContextUtils.getWebApplicationContext(request.getServletContext()), MANAGEMENT_NAMESPACE);
        return http.securityMatcher(onManagementServer)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }
}
