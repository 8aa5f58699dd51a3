package com.bbossiregi.timedeal.platform.role;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code timedeal.role}: {@code all} (default), {@code command} or {@code query}. Conditions read it through
 * {@link NodeRole#of}, before beans exist; this record is the same setting for beans that want to know.
 *
 * @param role which side this process runs: {@code command}, {@code query} or {@code all}
 */
@Validated
@ConfigurationProperties("timedeal")
public record RoleSettings(@DefaultValue("all") @NotNull NodeRole role) {
}
