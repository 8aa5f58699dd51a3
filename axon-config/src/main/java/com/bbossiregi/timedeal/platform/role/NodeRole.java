package com.bbossiregi.timedeal.platform.role;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What one process of the system runs, from {@code timedeal.role} (env {@code TIMEDEAL_ROLE}). One artifact serves
 * every role; {@link #ALL} is the one-command run with both sides in one process.
 */
public enum NodeRole {
    /** Both sides: the embedded demo run and the single-node deployment. */
    ALL,
    /** The write side: command handlers, sagas, deadlines and the command HTTP API. */
    COMMAND,
    /** The read side: read-model processors, the query HTTP API and the audit reads. */
    QUERY;

    public static final String PROPERTY = "timedeal.role";

    /** Read with Spring's relaxed binding ({@code command}, {@code COMMAND}), so conditions and beans agree. */
    public static NodeRole of(Environment environment) {
        return Binder.get(environment).bind(PROPERTY, NodeRole.class).orElse(ALL);
    }

    /** Whether a process of this role runs the given side ({@link #ALL} runs both). */
    public boolean runs(NodeRole side) {
        return this == ALL || side == ALL || this == side;
    }
}
