package com.bbossiregi.timedeal.platform.cluster;

import com.bbossiregi.timedeal.platform.database.SchemaMigrations;
import com.bbossiregi.timedeal.platform.role.ConditionalOnRole;
import com.bbossiregi.timedeal.platform.role.NodeRole;
import com.bbossiregi.timedeal.platform.support.DaemonThreads;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.ConsistentHashChangeListener;
import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.commandhandling.distributed.UnresolvedRoutingKeyPolicy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.extensions.jgroups.commandhandling.JGroupsConnector;
import org.axonframework.extensions.jgroups.commandhandling.JGroupsConnectorFactoryBean;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The command bus across command nodes ({@code timedeal.cluster.enabled=true} on a {@code command} or {@code all}
 * node): Axon's {@link DistributedCommandBus} on the JGroups connector. Every command goes to the node that owns its
 * routing key, the target aggregate's id, on a consistent-hash ring of the command nodes, so each aggregate is loaded,
 * cached and changed on one node at a time. Query nodes dispatch no commands and stay out of the ring.
 *
 * <p>Built here rather than by the extension's auto-configuration because discovery uses the application's data source
 * ({@link JdbcPingChannel}), the ring's changes empty the aggregate caches, and business errors and transient
 * failures need handling across nodes ({@link DomainErrorsAcrossNodes}, {@link TransientFailures}). Messages on the
 * ring are serialized by the {@code messageSerializer} (Jackson), like everything else.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@ConditionalOnProperty(name = "timedeal.cluster.enabled", havingValue = "true")
@ConditionalOnRole(NodeRole.COMMAND)
@EnableConfigurationProperties(ClusterSettings.class)
public class ClusterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClusterConfiguration.class);

    /** Every command node takes an equal share of the aggregates. */
    static final int LOAD_FACTOR = 100;

    /**
     * Connects before Axon starts its handlers and processors (Spring phase {@code MAX - 3072}): the node is in the
     * ring, still accepting no command, when its handlers subscribe and announce the commands they take; demo data and
     * the first saga commands then find a ring.
     */
    static final int CONNECT_PHASE = Integer.MAX_VALUE - 4096;

    @Bean
    JGroupsConnectorFactoryBean commandRing(ClusterSettings settings, DataSource dataSource,
                                            // the discovery table first (SegmentBalancing's schema module)
                                            SchemaMigrations migrations,
                                            @Qualifier("messageSerializer") Serializer messageSerializer,
                                            @Qualifier("localSegment") CommandBus localSegment,
                                            ObjectProvider<Cache> caches) {
        JGroupsConnectorFactoryBean ring = new JGroupsConnectorFactoryBean() {
            // The factory bean only closes the channel; the connector's own thread pool stays behind unless the
            // connector disconnects (it keeps a stopped application from exiting promptly).
            @Override
            public void stop() {
                getObject().disconnect();
                super.stop();
            }

            @Override
            public void stop(Runnable callback) {
                stop();
                callback.run();
            }
        };
        ring.setClusterName(settings.name());
        ring.setChannelFactory(new JdbcPingChannel(settings, dataSource));
        ring.setLocalSegment(localSegment);
        ring.setSerializer(messageSerializer);
        ring.setRoutingStrategy(routingStrategy());
        ring.setConsistentHashChangeListener(emptyCachesOnChange(caches));
        ring.setPhase(CONNECT_PHASE);
        return ring;
    }

    private static RoutingStrategy routingStrategy() {
        // @TargetAggregateIdentifier is a @RoutingKey: the aggregate's id routes its commands.
        return AnnotationRoutingStrategy.builder()
                .fallbackRoutingStrategy(UnresolvedRoutingKeyPolicy.RANDOM_KEY)
                .build();
    }

    /**
     * When members join or leave, aggregates change owners: a node may now get commands for an aggregate whose cached
     * copy it kept from an earlier turn, and another node may have changed it since. Emptying the caches costs one
     * load from the store per aggregate.
     */
    private static ConsistentHashChangeListener emptyCachesOnChange(ObjectProvider<Cache> caches) {
        java.util.concurrent.atomic.AtomicReference<java.util.Set<String>> known =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.Set.of());
        return ring -> {
            java.util.Set<String> members = ring.getMembers().stream()
                    .map(org.axonframework.commandhandling.distributed.Member::name)
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
            if (!members.equals(known.getAndSet(members))) {
                log.info("Command ring changed: {} member(s) {}", members.size(), members);
            }
            caches.orderedStream().forEach(Cache::removeAll);
        };
    }

    @Bean
    @Primary
    DistributedCommandBus distributedCommandBus(JGroupsConnector ring, ObjectMapper httpMapper) {
        DistributedCommandBus bus = DistributedCommandBus.builder()
                .commandRouter(ring)
                .connector(ring)
                .build();
        bus.updateLoadFactor(LOAD_FACTOR);
        bus.registerHandlerInterceptor(new DomainErrorsAcrossNodes(httpMapper));
        return bus;
    }

    /**
     * Commands that failed on the way (their node died, the ring was forming, a concurrent writer) are sent again,
     * after a pause, to whichever node owns them then; a business error is answered at once.
     */
    @Bean
    CommandGateway commandGateway(DistributedCommandBus commandBus, ClusterSettings settings) {
        ScheduledExecutorService retries = Executors.newScheduledThreadPool(2, DaemonThreads.named("command-retry"));
        IntervalRetryScheduler retryScheduler = IntervalRetryScheduler.builder()
                .retryExecutor(retries)
                .retryInterval((int) settings.retryInterval().toMillis())
                .maxRetryCount(settings.retries())
                .nonTransientFailurePredicate(failure -> !TransientFailures.isTransient(failure))
                .build();
        return new ClusterCommandGateway(DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(retryScheduler)
                .build());
    }
}
