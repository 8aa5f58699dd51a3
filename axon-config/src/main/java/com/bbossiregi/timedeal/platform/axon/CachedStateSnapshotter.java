package com.bbossiregi.timedeal.platform.axon;

import com.bbossiregi.timedeal.platform.support.DaemonThreads;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>A snapshot's cost grows with the aggregate's state: its serialization stops the aggregate's commands for as long
 * (timed as {@code timedeal.snapshots.lock.held}) and allocates arrays of its size. So snapshots are spaced by their
 * size ({@link Spacing}): after one of {@code n} bytes the next is taken once the aggregate has at least
 * {@code n / bytesPerEvent} more events (at most {@code atMostEvents}), and a requested snapshot that comes sooner is
 * left out. The share of its time an aggregate spends stopped for snapshots then stays level as it grows, at the cost
 * of a longer replay on a cold load, which the cap bounds. Axon's triggers count events and know nothing of the
 * state's size; the size is known here, once a snapshot is serialized.
 */
public final class CachedStateSnapshotter implements Snapshotter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CachedStateSnapshotter.class);

    /** Where a type's aggregates are kept in memory, and the locks its commands take. */
    public record CachedAggregates(Cache cache, LockFactory locks) {
    }

    /**
     * How far apart snapshots of one aggregate are kept by their size: after a snapshot of {@code n} bytes, the next one
     * waits for {@code n / bytesPerEvent} more events, but never for more than {@code atMostEvents}.
     */
    public record Spacing(long bytesPerEvent, long atMostEvents) {

        public Spacing {
            if (bytesPerEvent <= 0 || atMostEvents < 0) {
                throw new IllegalArgumentException("bytes per event above 0, at most events 0 or more");
            }
        }

        /** The events to wait for after a snapshot of so many bytes. */
        long eventsAfter(long bytes) {
            return Math.min(atMostEvents, (bytes + bytesPerEvent - 1) / bytesPerEvent);
        }
    }

    /** What became of one snapshot asked of memory. */
    enum Outcome {
        STORED,
        /** Too soon after the last one for its size ({@link Spacing}): nothing stored, the next request decides. */
        SPACED,
        /** Not in memory here: the rebuilding snapshotter's to take. */
        NOT_IN_MEMORY
    }

    private final Snapshotter rebuilding;
    private final Map<Class<?>, CachedAggregates> cachedTypes;
    private final EventStore eventStore;
    private final Serializer serializer;
    private final TransactionManager transactions;
    private final ExecutorService executor;
    private final Spacing spacing;
    private final MeterRegistry meters;
    private final Set<String> underWay = ConcurrentHashMap.newKeySet();
    /**
     * The version each aggregate's next snapshot waits for, after the last one taken here (an aggregate's versions only
     * grow); forgotten once the aggregate is found not in memory.
     */
    private final Map<String, Long> nextSnapshotAt = new ConcurrentHashMap<>();

    /**
     * @param rebuilding  snapshots aggregates this one cannot take from memory (Axon's, rebuilding from the store)
     * @param cachedTypes the aggregate types snapshotted from memory
     * @param serializer  the serializer the event store stores snapshots with
     * @param spacing     how far apart snapshots taken from memory are kept by their size
     * @param threadName  the one thread snapshots are taken on, off the commands' threads
     */
    public CachedStateSnapshotter(Snapshotter rebuilding, Map<Class<?>, CachedAggregates> cachedTypes,
                                  EventStore eventStore, Serializer serializer, TransactionManager transactions,
                                  Spacing spacing, MeterRegistry meters, String threadName) {
        this(rebuilding, cachedTypes, eventStore, serializer, transactions, spacing, meters,
                Executors.newSingleThreadExecutor(DaemonThreads.named(threadName)));
    }

    CachedStateSnapshotter(Snapshotter rebuilding, Map<Class<?>, CachedAggregates> cachedTypes, EventStore eventStore,
                           Serializer serializer, TransactionManager transactions, Spacing spacing,
                           MeterRegistry meters, ExecutorService executor) {
        this.rebuilding = rebuilding;
        this.cachedTypes = Map.copyOf(cachedTypes);
        this.eventStore = eventStore;
        this.serializer = serializer;
        this.transactions = transactions;
        this.spacing = spacing;
        this.meters = meters;
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

    private static String key(Class<?> aggregateType, String aggregateIdentifier) {
        return aggregateType.getName() + "/" + aggregateIdentifier;
    }

    private void submit(Class<?> aggregateType, String aggregateIdentifier, CachedAggregates cached) {
        String key = key(aggregateType, aggregateIdentifier);
        if (!underWay.add(key)) {
            // One is under way already; the next threshold crossed takes the next.
            return;
        }
        Runnable task = () -> {
            try {
                if (snapshotFromMemory(aggregateType, cached, aggregateIdentifier) == Outcome.NOT_IN_MEMORY) {
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

    Outcome snapshotFromMemory(Class<?> aggregateType, CachedAggregates cached, String aggregateIdentifier) {
        String key = key(aggregateType, aggregateIdentifier);
        SerializedObject<byte[]> state;
        String type;
        long version;
        long serializing;
        Lock lock = cached.locks().obtainLock(aggregateIdentifier);
        try {
            Object entry = cached.cache().get(aggregateIdentifier);
            EventSourcedAggregate<?> aggregate =
                    entry instanceof AggregateCacheEntry<?> cachedEntry ? cachedAggregate(cachedEntry) : null;
            if (aggregate == null || aggregate.isDeleted() || aggregate.version() == null) {
                nextSnapshotAt.remove(key);
                return Outcome.NOT_IN_MEMORY;
            }
            version = aggregate.version();
            if (version < nextSnapshotAt.getOrDefault(key, 0L)) {
                return Outcome.SPACED;
            }
            type = aggregate.type();
            serializing = System.nanoTime();
            state = serializer.serialize(aggregate.getAggregateRoot(), byte[].class);
        } finally {
            lock.release();
        }
        Timer.builder("timedeal.snapshots.lock.held")
                .description("How long a snapshot taken from memory held its aggregate's lock to serialize it")
                .tag("aggregate", aggregateType.getSimpleName())
                .register(meters).record(System.nanoTime() - serializing, TimeUnit.NANOSECONDS);
        SerializedMessage<Object> snapshot = new SerializedMessage<>(UUID.randomUUID().toString(), state,
                serializer.serialize(MetaData.emptyInstance(), byte[].class), serializer);
        transactions.executeInTransaction(() -> eventStore.storeSnapshot(
                new GenericDomainEventMessage<>(type, aggregateIdentifier, version, snapshot,
                        GenericEventMessage.clock.instant())));
        nextSnapshotAt.put(key, version + spacing.eventsAfter(state.getData().length));
        return Outcome.STORED;
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
