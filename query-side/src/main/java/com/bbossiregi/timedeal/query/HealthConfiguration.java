package com.bbossiregi.timedeal.query;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code GET /api/v1/health} on every node, whatever its role: load balancers check command nodes too. */
@Configuration(proxyBeanMethods = false)
@Import(HealthController.class)
public class HealthConfiguration {
}
