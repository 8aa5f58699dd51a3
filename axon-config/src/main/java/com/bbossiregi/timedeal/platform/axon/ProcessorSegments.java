package com.bbossiregi.timedeal.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code timedeal.processors.segments}: how many segments each streaming processor (the saga, each read model) is
 * split into when its tokens are first created, and how many threads each node gives it. Nodes claim segments in the
 * shared token store; every node can run every segment, so a lone survivor takes over all of them once a dead node's
 * claims time out ({@code axon.eventhandling.tokenstore.claim-timeout}). One segment (the default) is the single-node
 * set-up; a cluster uses 2 or 4. Changing it for an existing store needs a split or merge of the segments.
 */
@ConfigurationProperties("timedeal.processors")
public record ProcessorSegments(@DefaultValue("1") int segments) {
}
