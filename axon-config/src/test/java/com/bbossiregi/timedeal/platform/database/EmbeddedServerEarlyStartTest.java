package com.bbossiregi.timedeal.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded PostgreSQL that {@code main} starts while the context is read: the bean takes that very server, and a
 * server no bean took is stopped with the context. Real servers on throw-away data directories.
 */
class EmbeddedServerEarlyStartTest {

    @TempDir
    Path folder;

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DatabaseConfiguration.class)
    static class EmbeddedDatabaseOnly {
    }

    /** Fails the refresh before any singleton (the embedded server's bean among them) is created. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DatabaseConfiguration.class)
    static class FailingBeforeTheBeans {
        @Bean
        static BeanFactoryPostProcessor failing() {
            return beanFactory -> {
                throw new IllegalStateException("refused for the test");
            };
        }
    }

    @Test
    void theBeanTakesTheServerStartedBeforeTheContextWasRead() throws Exception {
        Path dataDir = folder.resolve("postgres");
        EmbeddedServer server;
        try (ConfigurableApplicationContext context = start(EmbeddedDatabaseOnly.class, dataDir, "0")) {
            EmbeddedServerEarlyStart.Started started =
                    context.getBean(EmbeddedServerEarlyStart.BEAN_NAME, EmbeddedServerEarlyStart.Started.class);
            server = context.getBean(EmbeddedServer.class);
            assertThat(server).isSameAs(started.take(context.getBean(EmbeddedDatabaseProperties.class)));
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl())) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
        assertThat(serverLog(dataDir)).contains("database system is shut down");
    }

    @Test
    void aContextThatFailsBeforeTakingTheServerStopsIt() throws IOException {
        Path dataDir = folder.resolve("postgres");
        assertThatThrownBy(() -> start(FailingBeforeTheBeans.class, dataDir, "0").close())
                .hasMessageContaining("refused for the test");
        assertThat(serverLog(dataDir)).contains("database system is ready to accept connections")
                .contains("database system is shut down");
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void settingsThatBreakTheirConstraintsStartNothingAndTheBeanNamesTheSetting() {
        Path dataDir = folder.resolve("postgres");
        assertThatThrownBy(() -> start(EmbeddedDatabaseOnly.class, dataDir, "70000").close())
                .hasStackTraceContaining("timedeal.database.embedded");
        assertThat(EmbeddedServer.logFile(dataDir)).doesNotExist();
    }

    @Test
    void aRunOnAnOperatorsDatabaseStartsNothingEarly() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Object.class)
                .web(WebApplicationType.NONE)
                .initializers(new EmbeddedServerEarlyStart())
                .run("--spring.datasource.url=jdbc:postgresql://localhost:1/none")) {
            assertThat(context.containsBean(EmbeddedServerEarlyStart.BEAN_NAME)).isFalse();
        }
    }

    private static ConfigurableApplicationContext start(Class<?> configuration, Path dataDir, String port) {
        return new SpringApplicationBuilder(configuration)
                .web(WebApplicationType.NONE)
                .initializers(new EmbeddedServerEarlyStart())
                .run("--timedeal.database.embedded.data-dir=" + dataDir,
                        "--timedeal.database.embedded.port=" + port,
                        "--timedeal.database.embedded.fsync=false");
    }

    private static String serverLog(Path dataDir) throws IOException {
        return Files.readString(EmbeddedServer.logFile(dataDir), StandardCharsets.UTF_8);
    }
}
