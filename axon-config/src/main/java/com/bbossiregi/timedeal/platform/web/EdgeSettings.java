package com.bbossiregi.timedeal.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP edge ({@code timedeal.edge.*}).
 *
 * @param maxBodySize the largest request body accepted; a larger one is answered 413 before it is read
 */
@ConfigurationProperties("timedeal.edge")
public record EdgeSettings(@DefaultValue("64KB") DataSize maxBodySize) {
}
