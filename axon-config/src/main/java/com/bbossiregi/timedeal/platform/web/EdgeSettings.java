package com.bbossiregi.timedeal.platform.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP edge ({@code timedeal.edge.*}).
 *
 * @param maxBodySize the largest request body accepted; a larger one is answered 413 before it is read
 */
@Validated
@ConfigurationProperties("timedeal.edge")
public record EdgeSettings(@DefaultValue("64KB") @NotNull DataSize maxBodySize) {
}
