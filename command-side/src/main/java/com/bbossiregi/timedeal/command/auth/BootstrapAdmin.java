package com.bbossiregi.timedeal.command.auth;

import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Gives a real database its first admin without SQL: when {@code timedeal.bootstrap-admin.email} is set and no active
 * admin exists, the account with that e-mail is promoted to an active admin, or created with the configured password.
 * Runs at every start, before the application serves: once an admin exists it does nothing, so it is idempotent
 * across restarts, and nodes starting together take turns on a database lock, so only the first one acts.
 */
@Component
@EnableConfigurationProperties(BootstrapAdminSettings.class)
public class BootstrapAdmin implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    /** The advisory lock nodes take turns on: any constant no other code of this database uses. */
    private static final long LOCK = 0x7d3a_0001L;

    private final BootstrapAdminSettings settings;
    private final UserAccounts accounts;
    private final AccountService accountService;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public BootstrapAdmin(BootstrapAdminSettings settings, UserAccounts accounts, AccountService accountService,
                          JdbcClient jdbc, TransactionTemplate transaction) {
        this.settings = settings;
        this.accounts = accounts;
        this.accountService = accountService;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!StringUtils.hasText(settings.email())) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:lock)) AS locked").param("lock", LOCK)
                    .query(Integer.class).single();
            if (accounts.anyActiveAdmin()) {
                log.info("Bootstrap admin: an active admin exists already; nothing to do");
                return;
            }
            accounts.findByEmail(settings.email()).ifPresentOrElse(existing -> {
                accounts.change(existing.id(), "active", AuthenticatedUser.ADMIN);
                log.info("Bootstrap admin: promoted account {} ({}) to an active admin", existing.id(), existing.email());
            }, () -> {
                if (!StringUtils.hasText(settings.password())) {
                    throw new IllegalStateException("timedeal.bootstrap-admin.password (env "
                            + "TIMEDEAL_BOOTSTRAP_ADMIN_PASSWORD) is required to create the admin " + settings.email());
                }
                UserAccount admin = accountService.register(
                        new AccountService.RegisterRequest(settings.email(), settings.password(), settings.name(), null),
                        AuthenticatedUser.ADMIN);
                log.info("Bootstrap admin: created admin account {} ({})", admin.id(), admin.email());
            });
        });
    }
}
