package com.bbossiregi.timedeal.query;

import com.bbossiregi.timedeal.platform.role.ConditionalOnRole;
import com.bbossiregi.timedeal.platform.role.NodeRole;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * The query side: query handlers, the query HTTP API and the audit reads, on processes that run the query role (or
 * all), with the read models they answer from. The health answer is not part of it: every node answers health.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(NodeRole.QUERY)
@ComponentScan(basePackageClasses = QuerySideConfiguration.class, excludeFilters = @ComponentScan.Filter(
        type = FilterType.ASSIGNABLE_TYPE, classes = HealthController.class))
@Import(com.bbossiregi.timedeal.projections.ProjectionsConfiguration.class)
public class QuerySideConfiguration {
}
