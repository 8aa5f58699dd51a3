package com.bbossiregi.timedeal.platform.security;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The management port ({@code management.server.port}, 8081 by default) serves the probes and Prometheus's scrape
 * without a token: it is meant for the cluster's network, not for shoppers. The rule applies only when that port
 * differs from the application's; on the application's port {@code /actuator/**} stays for admins
 * ({@link SecurityConfiguration}), so moving the endpoints back there never opens them.
 */
@AutoConfiguration(before = SecurityAutoConfiguration.class, after = SecurityConfiguration.class)
public class ManagementPortSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain managementPortSecurity(HttpSecurity http, Environment environment) throws Exception {
        RequestMatcher endpoints = EndpointRequest.toAnyEndpoint();
        RequestMatcher onManagementPort = request ->
                ManagementPortType.get(environment) == ManagementPortType.DIFFERENT && endpoints.matches(request);
        return http.securityMatcher(onManagementPort)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }
}
