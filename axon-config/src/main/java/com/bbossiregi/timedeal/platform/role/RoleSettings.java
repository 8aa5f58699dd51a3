package com.bbossiregi.timedeal.platform.role;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code timedeal.role}: {@code all} (default), {@code command} or {@code query}. Conditions read it through
 * {@link NodeRole#of}, before beans exist; this record is the same setting for beans that want to know.
 */
@ConfigurationProperties("timedeal")
public record RoleSettings(@DefaultValue("all") NodeRole role) {
}
