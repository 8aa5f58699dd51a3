package com.bbossiregi.timedeal.platform.security;

import java.time.Duration;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a node trusts what it last read of an account's status ({@code timedeal.security.account-status.*}): a
 * banned or deactivated account is refused on every node at most {@code rememberFor} after the change.
 *
 * @param rememberFor     how long one read of an account's status is used
 * @param maximumAccounts accounts remembered per node
 */
@Validated
@ConfigurationProperties("timedeal.security.account-status")
public record AccountStatusSettings(@DefaultValue("5s") @DurationMin(millis = 0) Duration rememberFor,
                                    @DefaultValue("100000") @Positive long maximumAccounts) {
}
