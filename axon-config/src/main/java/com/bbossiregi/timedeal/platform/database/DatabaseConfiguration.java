package com.bbossiregi.timedeal.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

@AutoConfiguration
@AutoConfigureBefore(DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(DataSourceProperties.class)
public class DatabaseConfiguration {

    @Bean
    SchemaModule axonSchemaModule() {
        return new SchemaModule("axon", "classpath:db/migration/axon", 0);
    }

    @Bean
    SchemaMigrations schemaMigrations(DataSource dataSource, List<SchemaModule> modules) {
        return new SchemaMigrations(dataSource, modules);
    }

    /** The demo default: a PostgreSQL of its own whose files stay in a local folder, so a restart replays the store. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(DatabaseMode.Embedded.class)
    static class EmbeddedDatabase {

        private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

        @Bean(destroyMethod = "close")
        EmbeddedPostgres embeddedPostgres(@Value("${timedeal.database.embedded.data-dir:./data/postgres}") String dataDir,
                                          @Value("${timedeal.database.embedded.port:0}") int port) throws IOException {
            Path directory = Path.of(dataDir).toAbsolutePath();
            Files.createDirectories(directory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), directory);
            return postgres;
        }

        /** Pool settings ({@code spring.datasource.hikari.*}) are bound onto it as for any other data source. */
        @Bean
        @ConfigurationProperties("spring.datasource.hikari")
        HikariDataSource dataSource(EmbeddedPostgres postgres) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            dataSource.setUsername("postgres");
            dataSource.setPoolName("timedeal-embedded");
            return dataSource;
        }
    }
}
