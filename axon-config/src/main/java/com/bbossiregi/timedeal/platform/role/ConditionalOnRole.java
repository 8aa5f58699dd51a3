package com.bbossiregi.timedeal.platform.role;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Registers the annotated configuration, component or bean only on processes that run the given side: a
 * {@code @ConditionalOnRole(NodeRole.COMMAND)} class exists on {@code command} and {@code all} nodes. On a
 * configuration class that scans a module's package, it keeps every handler of that module, and so every Axon
 * processor they would make, off the other role's nodes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnRoleCondition.class)
public @interface ConditionalOnRole {

    /** The side needed: {@link NodeRole#COMMAND} or {@link NodeRole#QUERY}. */
    NodeRole value();
}
