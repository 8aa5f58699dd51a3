package com.bbossiregi.timedeal.platform.role;

import com.bbossiregi.timedeal.platform.web.OtherRoleErrors;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/** Makes the node's role a bean and says at start-up which role this process plays. */
@AutoConfiguration
@EnableConfigurationProperties(RoleSettings.class)
public class RoleConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RoleConfiguration.class);

    public RoleConfiguration(RoleSettings settings) {
        log.info("Node role: {}", settings.role().name().toLowerCase(Locale.ROOT));
    }

    @Bean
    @Conditional(SplitRoleCondition.class)
    OtherRoleErrors otherRoleErrors(RoleSettings settings) {
        return new OtherRoleErrors(settings.role());
    }
}
