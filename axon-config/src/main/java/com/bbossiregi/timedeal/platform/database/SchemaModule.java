package com.bbossiregi.timedeal.platform.database;

/**
 * A module's own Flyway migrations. Each module keeps its own history table, so the command side and
 * the query side can be deployed, migrated and scaled apart while sharing one database.
 *
 * @param name     short module name; the history table is {@code flyway_history_<name>}
 * @param location Flyway location of the module's scripts, e.g. {@code classpath:db/migration/axon}
 * @param order    lower runs first (the Axon stores first)
 */
public record SchemaModule(String name, String location, int order) {
}
