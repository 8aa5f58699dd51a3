package com.bbossiregi.timedeal.platform.database;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Translates {@code DATABASE_URL} (either {@code postgres://user:pw@host:port/db} or a JDBC URL) into Spring's
 * {@code spring.datasource.*} unless those are set themselves, and sets the defaults every process of this system
 * shares, at the lowest precedence so any setting overrides them ({@code TIMEDEAL_DATA_DIR} among them, below
 * {@code timedeal.database.embedded.data-dir} itself).
 */
public class RuntimeDefaults implements EnvironmentPostProcessor, Ordered {

    static final String DATABASE_URL = "DATABASE_URL";
    static final String DATA_DIR = "TIMEDEAL_DATA_DIR";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> settings = new HashMap<>();
        String databaseUrl = environment.getProperty(DATABASE_URL);
        if (StringUtils.hasText(databaseUrl) && !StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            settings.putAll(datasourceFrom(databaseUrl));
        }
        if (!settings.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("timedeal-database-url", settings));
        }

        Map<String, Object> defaults = new HashMap<>();
        defaults.put("spring.flyway.enabled", "false");
        // Every serializer is Jackson; Axon's XStream default would only build an unused instance.
        defaults.put("spring.autoconfigure.exclude", "org.axonframework.springboot.autoconfig.XStreamAutoConfiguration");
        defaults.put("axon.update-check.disabled", "true");
        // Axon's handler-timeout watchdog captures a stack trace around every handler call; measured on the hot path.
        defaults.put("axon.timeout.enabled", "false");
        // Operator endpoints: the probes and Prometheus's scrape, on the management port (see ManagementPortSecurity).
        defaults.put("management.endpoints.web.exposure.include", "health,prometheus");
        // Deadlines fire on command nodes only (see DeadlineScheduling): a query node builds no scheduler.
        if ("query".equalsIgnoreCase(environment.getProperty("timedeal.role", "all").trim())) {
            defaults.put("db-scheduler.enabled", "false");
        }
        // TIMEDEAL_DATA_DIR: the short name of timedeal.database.embedded.data-dir (whose default is on its record).
        String dataDir = environment.getProperty(DATA_DIR);
        if (StringUtils.hasText(dataDir)) {
            defaults.put("timedeal.database.embedded.data-dir", dataDir);
        }
        defaults.put("axon.axonserver.enabled",
                Boolean.toString(StringUtils.hasText(environment.getProperty("axon.axonserver.servers"))));
        environment.getPropertySources().addLast(new MapPropertySource("timedeal-defaults", defaults));
        // The update checker also reads this before Spring's settings are bound.
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    public static Map<String, Object> datasourceFrom(String databaseUrl) {
        Map<String, Object> settings = new HashMap<>();
        if (databaseUrl.startsWith("jdbc:")) {
            settings.put("spring.datasource.url", databaseUrl);
            return settings;
        }
        URI uri = URI.create(databaseUrl);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must be postgres://user:password@host:port/database or jdbc:postgresql://...");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        settings.put("spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            settings.put("spring.datasource.username", colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                settings.put("spring.datasource.password", userInfo.substring(colon + 1));
            }
        }
        return settings;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
