package com.bbossiregi.timedeal.it;

import static com.bbossiregi.timedeal.it.ApiTestBase.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The readiness probe follows the database: it turns down when the database stops answering and up again when it is
 * back, while the liveness probe (the process itself) stays up throughout. The database "stops" for this node only:
 * it refuses new connections and its open ones are ended, as a server going away does.
 */
class ReadinessIT {

    private final TestDatabase.Settings database = TestDatabase.create("timedeal_readiness");

    @Test
    void readinessGoesDownWithTheDatabaseAndComesBackWithIt() throws SQLException {
        // A short pool timeout only makes the probe answer sooner while the database is gone; the states are the same.
        try (ConfigurableApplicationContext application = StandaloneApplication.start(database,
                "--spring.datasource.hikari.connection-timeout=2000")) {
            Api management = StandaloneApplication.management(application);
            eventually(Duration.ofSeconds(60), () -> assertThat(status(management, "readiness")).isEqualTo(200));
            assertThat(status(management, "liveness")).isEqualTo(200);

            allowConnections(false);
            try {
                eventually(Duration.ofSeconds(60), () -> {
                    Api.Response readiness = management.get("/actuator/health/readiness", null);
                    assertThat(readiness.status()).isEqualTo(503);
                    assertThat(readiness.json().path("status").asText()).isEqualTo("DOWN");
                    assertThat(readiness.json().path("components").path("database").path("status").asText())
                            .isEqualTo("DOWN");
                });
                assertThat(status(management, "liveness")).isEqualTo(200);
            } finally {
                allowConnections(true);
            }

            // The processors retry with a growing pause, so coming back may take a while longer than going down.
            eventually(Duration.ofSeconds(120), () -> {
                Api.Response readiness = management.get("/actuator/health/readiness", null);
                assertThat(readiness.status()).isEqualTo(200);
                assertThat(readiness.json().path("components").path("processors").path("status").asText())
                        .isEqualTo("UP");
            });
            assertThat(status(management, "liveness")).isEqualTo(200);
        }
    }

    private static int status(Api management, String probe) {
        return management.get("/actuator/health/" + probe, null).status();
    }

    private void allowConnections(boolean allowed) throws SQLException {
        String name = database.url().substring(database.url().lastIndexOf('/') + 1).split("\\?")[0];
        String server = database.url().substring(0, database.url().lastIndexOf('/')) + "/postgres";
        try (Connection connection = DriverManager.getConnection(server, database.username(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                        + "' AND pid <> pg_backend_pid()");
            }
        }
    }
}
