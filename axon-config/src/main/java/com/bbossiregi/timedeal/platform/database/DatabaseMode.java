package com.bbossiregi.timedeal.platform.database;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Whether this run owns an embedded PostgreSQL (the demo default) or talks to an operator's server: a configured
 * {@code spring.datasource.url} (directly, or translated from {@code DATABASE_URL}) means a real server. Read from
 * the environment whenever asked, so settings a test adds late still count.
 */
public enum DatabaseMode {
    EMBEDDED,
    EXTERNAL;

    public static DatabaseMode of(Environment environment) {
        return StringUtils.hasText(environment.getProperty("spring.datasource.url")) ? EXTERNAL : EMBEDDED;
    }

    /** Matches when the run starts its own embedded database. */
    public static class Embedded implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context.getEnvironment()) == EMBEDDED;
        }
    }

    /**
     * Matches when the demo data is wanted: {@code timedeal.demo-data.enabled} when set, otherwise only for the embedded
     * run, so a production database never gets demo users by accident.
     */
    public static class DemoData implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            return environment.getProperty("timedeal.demo-data.enabled", Boolean.class, of(environment) == EMBEDDED);
        }
    }
}
