package com.bbossiregi.timedeal.platform.database;

import org.springframework.core.env.Environment;

/** Whether this run owns an embedded PostgreSQL (the demo default) or talks to an operator's server. */
public enum DatabaseMode {
    EMBEDDED,
    EXTERNAL;

    public static final String PROPERTY = "timedeal.database.mode";

    public static DatabaseMode of(Environment environment) {
        return environment.getProperty(PROPERTY, DatabaseMode.class, EXTERNAL);
    }
}
