package com.bbossiregi.timedeal.platform.cluster;

import java.time.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code timedeal.cluster.*}: the command bus across command nodes (JGroups, discovery in PostgreSQL).
 *
 * @param enabled           join the command nodes' ring; off, a node keeps its in-process command bus
 * @param bindAddress       the address JGroups binds and advertises: an IP, or JGroups' {@code SITE_LOCAL},
 *                          {@code GLOBAL}, {@code NON_LOOPBACK}, {@code match-interface:eth.*} and the like
 * @param port              first TCP port tried for JGroups; 0 takes any free port
 * @param portRange         further ports tried above {@code port} when it is taken (two nodes on one host)
 * @param name              the cluster name; nodes with the same name and database form one ring
 * @param failureDetection  how long a silent member may stay before it is suspected and removed (a killed process
 *                          is noticed sooner, by its closed socket)
 * @param retries           how often a command is re-sent after a transient failure (its node left the ring on the
 *                          way, no node accepted it yet, a concurrent writer of its aggregate)
 * @param retryInterval     the pause before each re-send
 * @param fetchDelay        on a node of several (in the ring, or with a {@code command} or {@code query} role): how
 *                          long its event store waits before it reads the event table again after a read found nothing
 *                          new; an event committed by another node is seen at the next read. A single node keeps
 *                          Axon's {@code fetchDelay}, 1 s: its own commits wake the reader (the event store: {@code platform.axon.EventStoreWiring})
 * @param eventAvailabilityTimeout on a node of several: how long a processor's segment goes on reading events that are
 *                          not its own before it stores its position, by which a command answer on another node judges
 *                          it; an idle segment renews its claim once per timeout. A single node keeps Axon's 1 s
 */
@Validated
@ConfigurationProperties("timedeal.cluster")
public record ClusterSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("SITE_LOCAL") @NotBlank String bindAddress,
        @DefaultValue("7800") @PositiveOrZero @Max(65535) int port,
        @DefaultValue("10") @PositiveOrZero int portRange,
        @DefaultValue("timedeal") @NotBlank String name,
        @DefaultValue("6s") @DurationMin(millis = 1) Duration failureDetection,
        @DefaultValue("10") @PositiveOrZero int retries,
        @DefaultValue("500ms") @DurationMin(millis = 0) Duration retryInterval,
        @DefaultValue("50ms") @DurationMin(millis = 1) Duration fetchDelay,
        @DefaultValue("100ms") @DurationMin(millis = 1) Duration eventAvailabilityTimeout) {
}
