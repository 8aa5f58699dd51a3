package com.bbossiregi.timedeal.platform.role;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches on a node that runs one side only ({@code command} or {@code query}), not on {@code all}. */
public class SplitRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return NodeRole.of(context.getEnvironment()) != NodeRole.ALL;
    }
}
