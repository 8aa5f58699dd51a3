package com.bbossiregi.timedeal.it;

import com.bbossiregi.timedeal.platform.database.EmbeddedShutdownHold;
import com.bbossiregi.timedeal.platform.database.RuntimeDefaults;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL server for integration tests, chosen in this order: the server named by
 * {@code TIMEDEAL_TEST_DATABASE_URL} (a JDBC or postgres:// URL of a user who may create databases), a
 * Testcontainers PostgreSQL where a Docker engine runs, else an embedded PostgreSQL started for this JVM. Every
 * caller gets a database of its own on that server.
 */
public final class TestDatabase {

    public static final String SERVER_VARIABLE = "TIMEDEAL_TEST_DATABASE_URL";

    public record Settings(String url, String username, String password) {
    }

    private record Server(String host, int port, String username, String password, String query) {
        String urlOf(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + query;
        }
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Server server;

    private TestDatabase() {
    }

    public static synchronized Settings create(String prefix) {
        Server s = server();
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(s.urlOf("postgres"), s.username(), s.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return new Settings(s.urlOf(name), s.username(), s.password());
    }

    private static Server server() {
        if (server == null) {
            server = resolve();
        }
        return server;
    }

    private static Server resolve() {
        String configured = System.getenv(SERVER_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Map<String, Object> settings = RuntimeDefaults.datasourceFrom(configured);
            java.net.URI uri = java.net.URI.create(settings.get("spring.datasource.url").toString().substring("jdbc:".length()));
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new Server(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(),
                    (String) settings.getOrDefault("spring.datasource.username", "postgres"),
                    (String) settings.getOrDefault("spring.datasource.password", ""), query);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            return new Server(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                    container.getPassword(), "");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .start();
            // Stopped after the cached test applications are closed (Spring's shutdown handlers run once every
            // context is closed), not by the library's own JVM hook: that ran beside Spring's, the server went first,
            // each application's pool then waited out its login timeout on close, and failsafe killed the test JVM
            // 30 s into its exit, which once failed the build.
            EmbeddedShutdownHold hold = EmbeddedShutdownHold.take(embedded);
            SpringApplication.getShutdownHandlers().add(() -> {
                hold.release();
                try {
                    embedded.close();
                } catch (Exception ignored) {
                    // the JVM is going away either way
                }
            });
            return new Server("localhost", embedded.getPort(), "postgres", "", "");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot start an embedded PostgreSQL", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
