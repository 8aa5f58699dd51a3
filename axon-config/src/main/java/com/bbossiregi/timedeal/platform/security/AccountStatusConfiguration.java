package com.bbossiregi.timedeal.platform.security;

import com.bbossiregi.timedeal.platform.database.DatabaseConfiguration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The account status check of {@link SecurityConfiguration}, wherever the accounts table can be read (every
 * application; a test slice without a database runs without it).
 */
@AutoConfiguration(after = {DatabaseConfiguration.class, DataSourceAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(SecuritySettings.class)
public class AccountStatusConfiguration {

    @Bean
    AccountStatuses accountStatuses(DataSource dataSource, SecuritySettings settings) {
        SecuritySettings.AccountStatus status = settings.accountStatus();
        return new AccountStatuses(JdbcClient.create(dataSource), status.rememberFor(), status.maximumAccounts());
    }
}
