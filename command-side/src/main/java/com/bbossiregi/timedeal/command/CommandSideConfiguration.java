package com.bbossiregi.timedeal.command;

import com.bbossiregi.timedeal.command.auth.BcryptPasswords;
import com.bbossiregi.timedeal.command.payment.PaymentSettings;
import com.bbossiregi.timedeal.platform.axon.BoundedJCache;
import com.bbossiregi.timedeal.platform.axon.CacheSettings;
import com.bbossiregi.timedeal.platform.database.SchemaModule;
import com.bbossiregi.timedeal.command.orderapi.OrderSettings;
import com.bbossiregi.timedeal.command.order.ReservationHold;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.saga.ResourceInjector;
import org.axonframework.modelling.saga.repository.NoResourceInjector;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.serialization.Serializer;
import com.bbossiregi.timedeal.command.timedeal.TimeDeal;
import com.bbossiregi.timedeal.platform.axon.CachedStateSnapshotter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import com.bbossiregi.timedeal.platform.role.ConditionalOnRole;
import com.bbossiregi.timedeal.platform.role.NodeRole;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The command side: aggregates, the order saga, accounts, demo data and the command HTTP API. Only processes that run
 * the command role ({@code timedeal.role} {@code command} or {@code all}) scan this package, so a query node has none
 * of its handlers, processors or endpoints.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(NodeRole.COMMAND)
@ComponentScan(basePackageClasses = CommandSideConfiguration.class)
@EnableConfigurationProperties({OrderSettings.class, PaymentSettings.class, SnapshotSettings.class})
@EnableScheduling
public class CommandSideConfiguration {

    @Bean
    SchemaModule commandSchema() {
        return new SchemaModule("command", "classpath:db/migration/command", 10);
    }

    /** A hot deal is loaded for every order: keep it in memory instead of re-reading its stream each time. */
    @Bean
    Cache timeDealCache(CacheSettings caches) {
        return BoundedJCache.create("timeDealCache", caches.timeDeals());
    }

    /**
     * Orders are loaded by the saga at each step within a second or two of being placed, and to answer the shopper;
     * the most recent ones are kept, an older order is rebuilt from its few events.
     */
    @Bean
    Cache orderCache(CacheSettings caches) {
        return BoundedJCache.create("orderCache", caches.orders());
    }

    /**
     * A hot deal stays in the cache, so a snapshot only serves the next cold load (a restart, another node, an
     * eviction): one every so many events bounds how much such a load replays. Each snapshot serializes the deal's open
     * reservations, which grow with the sale, so it is taken rarely, off the command thread, from the deal this node
     * holds in memory ({@link CachedStateSnapshotter}; a deal not in memory here is rebuilt from the store by Axon's
     * snapshotter), and more rarely as the deal grows ({@link SnapshotSettings#timeDealSpacingBytesPerEvent()}). A
     * trigger on load time would not do: for a cached aggregate Axon measures from the original load, so it fires every
     * interval forever.
     */
    @Bean
    SnapshotTriggerDefinition timeDealSnapshotTrigger(CachedStateSnapshotter timeDealSnapshotter,
                                                      SnapshotSettings snapshots) {
        return new EventCountSnapshotTriggerDefinition(timeDealSnapshotter, snapshots.timeDealEveryEvents());
    }

    @Bean(destroyMethod = "close")
    CachedStateSnapshotter timeDealSnapshotter(Snapshotter snapshotter, @Qualifier("timeDealCache") Cache timeDealCache,
                                               LockFactory aggregateLocks, EventStore eventStore, Serializer serializer,
                                               TransactionManager transactions, SnapshotSettings snapshots,
                                               MeterRegistry meters) {
        return new CachedStateSnapshotter(snapshotter, Map.<Class<?>, CachedStateSnapshotter.CachedAggregates>of(
                TimeDeal.class, new CachedStateSnapshotter.CachedAggregates(timeDealCache, aggregateLocks)),
                eventStore, serializer, transactions, snapshots.timeDealSpacing(), meters, "deal-snapshotter");
    }

    /**
     * The order saga takes its collaborators as handler parameters and has no fields to inject; Spring's injector
     * would still scan the saga class by reflection every time a saga is created or loaded, three times per order.
     */
    @Bean
    ResourceInjector sagaResourceInjector() {
        return NoResourceInjector.INSTANCE;
    }

    @Bean
    ReservationHold reservationHold(OrderSettings orders, PaymentSettings payment) {
        // A payment still running when the hold ends gets twice its own timeout before it counts as abandoned.
        return new ReservationHold(orders.reservationHold(), payment.timeout().multipliedBy(2), orders.holdCheckSpacing());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BcryptPasswords(10);
    }
}
