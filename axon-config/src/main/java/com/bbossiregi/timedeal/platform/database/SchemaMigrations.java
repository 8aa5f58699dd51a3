package com.bbossiregi.timedeal.platform.database;

import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/** Runs every module's migrations at start-up, before anything reads or writes the database. */
public class SchemaMigrations implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private final DataSource dataSource;
    private final List<SchemaModule> modules;

    public SchemaMigrations(DataSource dataSource, List<SchemaModule> modules) {
        this.dataSource = dataSource;
        this.modules = modules.stream().sorted(Comparator.comparingInt(SchemaModule::order)).toList();
    }

    @Override
    public void afterPropertiesSet() {
        for (SchemaModule module : modules) {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(module.location())
                    .table("flyway_history_" + module.name())
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            log.info("Schema module '{}' migrated: {} script(s) applied", module.name(), result.migrationsExecuted);
        }
    }

    public List<SchemaModule> modules() {
        return modules;
    }
}
