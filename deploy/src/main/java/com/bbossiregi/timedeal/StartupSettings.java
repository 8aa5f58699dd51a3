package com.bbossiregi.timedeal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a start ends ({@code timedeal.startup.*}).
 *
 * @param exitWhenReady close the application the ordinary way as soon as it is ready, and end the process: the
 *                      build's class-data training start (deploy/pom.xml), never a serving node
 */
@Validated
@ConfigurationProperties("timedeal.startup")
public record StartupSettings(@DefaultValue("false") boolean exitWhenReady) {
}
