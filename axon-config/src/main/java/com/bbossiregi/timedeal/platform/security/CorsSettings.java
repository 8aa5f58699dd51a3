package com.bbossiregi.timedeal.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cross-origin requests to {@code /api/**} ({@code timedeal.cors.*}).
 *
 * @param allowedOrigins the origins allowed by CORS, comma-separated; empty allows none
 */
@Validated
@ConfigurationProperties("timedeal.cors")
public record CorsSettings(@DefaultValue("http://localhost:3000") List<String> allowedOrigins) {
}
