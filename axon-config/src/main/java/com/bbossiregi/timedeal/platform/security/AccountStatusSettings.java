package com.bbossiregi.timedeal.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a node trusts what it last read of an account's status ({@code timedeal.security.account-status.*}): a
 * banned or deactivated account is refused on every node at most {@code rememberFor} after the change.
 *
 * @param rememberFor     how long one read of an account's status is used
 * @param maximumAccounts accounts remembered per node
 */
@ConfigurationProperties("timedeal.security.account-status")
public record AccountStatusSettings(@DefaultValue("5s") Duration rememberFor,
                                    @DefaultValue("100000") long maximumAccounts) {
}
