package com.bbossiregi.timedeal.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether the account behind a token may still act: a banned or inactive account, or one whose role changed since
 * the token was issued, loses access within {@code timedeal.security.account-status.remember-for} on every node, not
 * at its token's expiry. Reads the shared accounts
 * table, so it holds wherever the request lands (a query-side process included), and remembers each answer briefly so
 * that a shopper's burst of requests costs one query, not one per request.
 */
public class AccountStatuses {

    private static final Logger log = LoggerFactory.getLogger(AccountStatuses.class);

    private final JdbcClient jdbc;
    /** The role of each active account; empty for an account that may not act (banned, inactive, gone). */
    private final Cache<Long, Optional<String>> activeRoles;

    public AccountStatuses(JdbcClient jdbc, Duration rememberFor, long maximumAccounts) {
        this.jdbc = jdbc;
        this.activeRoles = Caffeine.newBuilder().expireAfterWrite(rememberFor).maximumSize(maximumAccounts).build();
    }

    /** @return true when the account exists, is {@code active} and still has the role its token names */
    public boolean allows(long userId, String tokenRole) {
        Optional<String> known = activeRoles.getIfPresent(userId);
        if (known != null) {
            return known.filter(role -> role.equals(tokenRole)).isPresent();
        }
        try {
            Optional<String> now = jdbc.sql("SELECT role FROM user_account WHERE id = :id AND status = 'active'")
                    .param("id", userId)
                    .query(String.class)
                    .optional();
            activeRoles.put(userId, now);
            return now.filter(role -> role.equals(tokenRole)).isPresent();
        } catch (DataAccessException e) {
            // The token itself was verified; with the database away the request fails on its own work anyway, and a
            // read-only request should not become a 401 because the status could not be read.
            log.warn("Cannot read the status of account {}; letting the verified token through: {}", userId, e.toString());
            return true;
        }
    }

    /** Forgets what this process remembers of an account, so a change made here applies to its next request. */
    public void forget(long userId) {
        activeRoles.invalidate(userId);
    }
}
