package com.bbossiregi.timedeal.platform.role;

import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition behind {@link ConditionalOnRole}; evaluated while configuration classes are parsed. */
class OnRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        NodeRole side = (NodeRole) attributes.get("value");
        return NodeRole.of(context.getEnvironment()).runs(side);
    }
}
