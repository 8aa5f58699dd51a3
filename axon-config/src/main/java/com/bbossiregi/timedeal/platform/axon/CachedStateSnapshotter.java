package com.bbossiregi.timedeal.platform.axon;

import com.bbossiregi.timedeal.platform.support.DaemonThreads;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots an aggregate from the state its node already holds in memory, instead of rebuilding it from the store.
 *
 * <p>Axon's snapshotter reads the aggregate's last snapshot and every event since, applies them to a new instance and
 * stores that. For a hot deal this is a second copy of the whole deal, built over hundreds of milliseconds on one of
 * the node's cores every {@code timedeal.snapshots.time-deal-every-events} events, long enough to be promoted to the
 * old generation at every young collection that falls within it: two thirds of the old generation's growth under the
 * hot deal, and so most of its full collections (docs/benchmarks.md, round 36).
 *
 * <p>Here the aggregate's cached instance is serialized while its lock is held, the same lock its commands take: no
 * command is then under way on it, so the cached state is exactly the state its store holds at its version (a unit
 * of work that failed takes its aggregate out of the cache before it lets go of the lock). The serialized bytes are
 * stored as the snapshot as they are. An aggregate not in the cache (evicted, or never loaded here) is left to the
 * snapshotter Axon would use, which rebuilds it from the store. Axon offers no snapshotter that reads its cache.
 */
public final class CachedStateSnapshotter implements Snapshotter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CachedStateSnapshotter.class);

    /** Where a type's aggregates are kept in memory, and the locks its commands take. */
    public record CachedAggregates(Cache cache, LockFactory locks) {
    }

    private final Snapshotter rebuilding;
    private final Map<Class<?>, CachedAggregates> cachedTypes;
    private final EventStore eventStore;
    private final Serializer serializer;
    private final TransactionManager transactions;
    private final ExecutorService executor;
    private final Set<String> underWay = ConcurrentHashMap.newKeySet();

    /**
     * @param rebuilding  snapshots aggregates this one cannot take from memory (Axon's, rebuilding from the store)
     * @param cachedTypes the aggregate types snapshotted from memory
     * @param serializer  the serializer the event store stores snapshots with
     * @param threadName  the one thread snapshots are taken on, off the commands' threads
     */
    public CachedStateSnapshotter(Snapshotter rebuilding, Map<Class<?>, CachedAggregates> cachedTypes,
                                  EventStore eventStore, Serializer serializer, TransactionManager transactions,
                                  String threadName) {
        this(rebuilding, cachedTypes, eventStore, serializer, transactions,
                Executors.newSingleThreadExecutor(DaemonThreads.named(threadName)));
    }

    CachedStateSnapshotter(Snapshotter rebuilding, Map<Class<?>, CachedAggregates> cachedTypes, EventStore eventStore,
                           Serializer serializer, TransactionManager transactions, ExecutorService executor) {
        this.rebuilding = rebuilding;
        this.cachedTypes = Map.copyOf(cachedTypes);
        this.eventStore = eventStore;
        this.serializer = serializer;
        this.transactions = transactions;
        this.executor = executor;
    }

    /** Stops taking snapshots; one under way finishes on its thread. */
    @Override
    public void close() {
        executor.shutdown();
    }

    @Override
    public void scheduleSnapshot(Class<?> aggregateType, String aggregateIdentifier) {
        CachedAggregates cached = cachedTypes.get(aggregateType);
        if (cached == null) {
            rebuilding.scheduleSnapshot(aggregateType, aggregateIdentifier);
            return;
        }
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().phase().isBefore(UnitOfWork.Phase.COMMIT)) {
            // As Axon's snapshotter does: only once the events that crossed the threshold are stored.
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> submit(aggregateType, aggregateIdentifier, cached));
        } else {
            submit(aggregateType, aggregateIdentifier, cached);
        }
    }

    private void submit(Class<?> aggregateType, String aggregateIdentifier, CachedAggregates cached) {
        String key = aggregateType.getName() + "/" + aggregateIdentifier;
        if (!underWay.add(key)) {
            // One is under way already; the next threshold crossed takes the next.
            return;
        }
        Runnable task = () -> {
            try {
                if (!snapshotFromMemory(cached, aggregateIdentifier)) {
                    rebuilding.scheduleSnapshot(aggregateType, aggregateIdentifier);
                }
            } catch (RuntimeException e) {
                // A snapshot only shortens a later cold load; the aggregate's events are all there without it.
                log.warn("Snapshot of {} {} not stored", aggregateType.getSimpleName(), aggregateIdentifier, e);
            } finally {
                underWay.remove(key);
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closing) {
            underWay.remove(key);
        }
    }

    /** @return false when the aggregate is not in memory here, so nothing was stored */
    boolean snapshotFromMemory(CachedAggregates cached, String aggregateIdentifier) {
        SerializedObject<byte[]> state;
        String type;
        long version;
        Lock lock = cached.locks().obtainLock(aggregateIdentifier);
        try {
            Object entry = cached.cache().get(aggregateIdentifier);
            if (!(entry instanceof AggregateCacheEntry<?> cachedEntry)) {
                return false;
            }
            EventSourcedAggregate<?> aggregate = cachedAggregate(cachedEntry);
            if (aggregate == null || aggregate.isDeleted() || aggregate.version() == null) {
                return false;
            }
            version = aggregate.version();
            type = aggregate.type();
            state = serializer.serialize(aggregate.getAggregateRoot(), byte[].class);
        } finally {
            lock.release();
        }
        SerializedMessage<Object> snapshot = new SerializedMessage<>(UUID.randomUUID().toString(), state,
                serializer.serialize(MetaData.emptyInstance(), byte[].class), serializer);
        transactions.executeInTransaction(() -> eventStore.storeSnapshot(
                new GenericDomainEventMessage<>(type, aggregateIdentifier, version, snapshot,
                        GenericEventMessage.clock.instant())));
        return true;
    }

    /**
     * The aggregate an in-memory cache entry was made from, which the entry keeps (a cache that stores entries by value
     * would lose it, and then nothing is rebuilt here: no model or store is given).
     */
    private static EventSourcedAggregate<?> cachedAggregate(AggregateCacheEntry<?> entry) {
        try {
            return entry.recreateAggregate(null, null, NoSnapshotTriggerDefinition.INSTANCE);
        } catch (RuntimeException notKept) {
            return null;
        }
    }
}
