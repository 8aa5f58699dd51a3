package com.bbossiregi.timedeal.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
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
    @EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
    static class EmbeddedDatabase {

        /**
         * Closed by Spring after the data source, so after everything that uses the database has stopped. The server
         * the application's {@code main} began starting early ({@link EmbeddedServerEarlyStart}) when there is one.
         */
        @Bean(destroyMethod = "close")
        EmbeddedServer embeddedPostgres(EmbeddedDatabaseProperties settings,
                ObjectProvider<EmbeddedServerEarlyStart.Started> earlyStart) throws IOException {
            EmbeddedServerEarlyStart.Started started = earlyStart.getIfAvailable();
            return started != null ? started.take(settings) : EmbeddedServer.start(settings);
        }

        /** Pool settings ({@code spring.datasource.hikari.*}) are bound onto it as for any other data source. */
        @Bean
        @ConfigurationProperties("spring.datasource.hikari")
        HikariDataSource dataSource(EmbeddedServer postgres) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(postgres.jdbcUrl());
            dataSource.setUsername("postgres");
            dataSource.setPoolName("timedeal-embedded");
            return dataSource;
        }
    }
}
