package com.bbossiregi.timedeal.command;

import com.bbossiregi.timedeal.platform.database.SchemaModule;
import com.bbossiregi.timedeal.command.order.ReservationHold;
import java.time.Duration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateLoadTimeSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    /** The outcome listener must see events as they are committed, in the process that caused them. */
    public static final String ORDER_OUTCOMES = "order-outcomes";

    @Bean
    SchemaModule commandSchema() {
        return new SchemaModule("command", "classpath:db/migration/command", 10);
    }

    /** A hot deal is loaded for every order: keep it in memory instead of re-reading its stream each time. */
    @Bean
    Cache timeDealCache() {
        return new WeakReferenceCache();
    }

    /** Orders are loaded by the saga at each step and to answer the shopper; most of them are still in memory. */
    @Bean
    Cache orderCache() {
        return new WeakReferenceCache();
    }

    /**
     * A deal stays in the cache while it is hot, so a snapshot only helps the next cold load. Snapshot when loading
     * it was slow, not every N events: a hot deal's state (its open reservations) can be large, and serializing it
     * every few hundred orders would cost more than it saves.
     */
    @Bean
    SnapshotTriggerDefinition timeDealSnapshotTrigger(
            Snapshotter snapshotter, @Value("${timedeal.snapshots.time-deal-load-threshold:100ms}") Duration slowLoad) {
        return new AggregateLoadTimeSnapshotTriggerDefinition(snapshotter, slowLoad.toMillis());
    }

    @Bean
    ConfigurerModule orderOutcomesProcessor() {
        return configurer -> configurer.eventProcessing().registerSubscribingEventProcessor(ORDER_OUTCOMES);
    }

    @Bean
    ReservationHold reservationHold(@Value("${timedeal.orders.reservation-hold:10m}") Duration hold,
                                    @Value("${timedeal.payment.timeout:5s}") Duration paymentTimeout) {
        // A payment still running when the hold ends gets twice its own timeout before it counts as abandoned.
        return new ReservationHold(hold, paymentTimeout.multipliedBy(2));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }
}
