package com.bbossiregi.timedeal.platform.axon;

import com.bbossiregi.timedeal.platform.cluster.ClusterSettings;
import com.bbossiregi.timedeal.platform.role.NodeRole;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.AxonServerBusAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The event store on PostgreSQL, in place of the one Axon's auto-configuration builds (same bean name, message monitor
 * and span factory): a {@link RingCachedEventStore}, whose recent events are a ring of {@code timedeal.caches.recent-events}
 * (the class says why not Axon's {@code EmbeddedEventStore}).
 *
 * <p>On a node of several ({@link #multiNode}: {@code timedeal.cluster.enabled=true}, or a {@code command} or
 * {@code query} role) the reader reads the event table again {@code timedeal.cluster.fetch-delay} after a read that
 * found nothing new instead of Axon's fixed second, and at once after a read that found events (a single node waits for
 * its next commit instead, {@code RingCachedEventStore#read}). The store's one reader thread feeds this node's tracking
 * processors. An event committed on this node wakes it at once, which is all a single node needs. An event committed
 * by another node is seen only at the next read: in the local cluster an order is committed on a command node, its
 * read models run on the query nodes, and its answer waits for them ({@code ReadModelCatchUp}). The price is one
 * indexed read of the event table per delay per node while the node is idle (its processors running and caught up).
 * The other half of the second, how long a segment sits on events that are not its own before it stores its position,
 * is {@code timedeal.cluster.event-availability-timeout} (set on the processors in {@code AxonWiring}).
 *
 * <p>Not PostgreSQL's LISTEN/NOTIFY, which would wake readers without polling: a NOTIFY takes a database-wide lock at
 * commit, so every event transaction of the hot path would commit one at a time; and it needs a connection per node
 * held outside the pool, reconnection after an outage, and a poll as fall-back anyway. A short poll is Axon's own
 * mechanism and costs little.
 *
 * <p>Steps aside, like Axon's own bean, when another event bus or store exists (Axon Server's, when
 * {@code axon.axonserver.servers} is set) or no storage engine does.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class,
        after = {JdbcAutoConfiguration.class, AxonServerBusAutoConfiguration.class})
@EnableConfigurationProperties({ClusterSettings.class, CacheSettings.class})
public class EventStoreWiring {

    /**
     * Whether this process is one node of several, whose events other nodes' processors read and whose processors read
     * other nodes' events: in the command ring, or running one side only (compose and Kubernetes leave the query nodes
     * out of the ring, yet they run the read models a command node's answer waits for).
     */
    public static boolean multiNode(Environment environment) {
        return Binder.get(environment).bind("timedeal.cluster.enabled", Boolean.class).orElse(false)
                || NodeRole.of(environment) != NodeRole.ALL;
    }

    @Qualifier("eventStore")
    @Bean(name = "eventBus", destroyMethod = "shutDown")
    @ConditionalOnMissingBean(EventBus.class)
    @ConditionalOnBean(EventStorageEngine.class)
    public RingCachedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                           ClusterSettings cluster, CacheSettings caches, Environment environment) {
        RingCachedEventStore.Builder store = RingCachedEventStore.builder()
                .capacity(caches.recentEvents())
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class));
        // A single node keeps the builder's default, Axon's second: its own commits wake the reader.
        if (multiNode(environment)) {
            store.fetchDelay(cluster.fetchDelay()).otherWriters(true);
        }
        return store.build();
    }
}
