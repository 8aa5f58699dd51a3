package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.bbossiregi.timedeal.platform.axon.CachedStateSnapshotter.Outcome;
import com.bbossiregi.timedeal.platform.axon.CachedStateSnapshotter.Spacing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachedStateSnapshotterTest {

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final BoundedJCache cache = BoundedJCache.create("snapshotter-test", 10);
    private final PessimisticLockFactory locks = PessimisticLockFactory.usingDefaults();
    private final Serializer serializer = AxonWiring.storageSerializer(StorageObjectMapper.create());
    private final EventSourcingRepository<Tally> repository = EventSourcingRepository.builder(Tally.class)
            .eventStore(eventStore).cache(cache).lockFactory(locks).build();
    private final List<String> rebuilt = new ArrayList<>();
    private final Snapshotter rebuilding = (type, id) -> rebuilt.add(type.getSimpleName() + " " + id);
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Every requested snapshot is taken. */
    private static final Spacing UNSPACED = new Spacing(1, 0);
    private final CachedStateSnapshotter snapshotter = snapshotter(UNSPACED);

    @AfterEach
    void close() {
        snapshotter.close();
        cache.close();
        eventStore.shutDown();
    }

    @Test
    void aCachedAggregateIsStoredAsItStandsWithoutRebuildingIt() throws Exception {
        create("t1");
        add("t1", 5);
        add("t1", 7);

        assertThat(snapshotter.snapshotFromMemory(Tally.class, cached(), "t1")).isEqualTo(Outcome.STORED);

        DomainEventMessage<?> snapshot = eventStore.readEvents("t1").next();
        assertThat(snapshot.getType()).isEqualTo("Tally");
        assertThat(snapshot.getSequenceNumber()).isEqualTo(2);
        Tally stored = (Tally) snapshot.getPayload();
        assertThat(stored.total).isEqualTo(12);
        assertThat(stored.parts).containsExactly(5, 7);
        assertThat(rebuilt).isEmpty();
    }

    @Test
    void waitsForTheCommandUnderWayOnTheAggregateAndStoresItsOutcome() throws Exception {
        create("t2");
        add("t2", 1);
        DefaultUnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
        repository.load("t2").execute(tally -> tally.add(2));
        // The command holds the aggregate (its lock) until its unit of work ends.
        CompletableFuture<Outcome> taken = CompletableFuture.supplyAsync(
                () -> snapshotter.snapshotFromMemory(Tally.class, cached(), "t2"));
        Thread.sleep(300);
        assertThat(taken).as("a snapshot of a half-made change").isNotDone();
        command.commit();

        assertThat(taken.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.STORED);
        DomainEventMessage<?> snapshot = eventStore.readEvents("t2").next();
        assertThat(snapshot.getSequenceNumber()).isEqualTo(2);
        assertThat(((Tally) snapshot.getPayload()).total).isEqualTo(3);
    }

    @Test
    void aChangeRolledBackLeavesNothingToTakeFromMemory() throws Exception {
        create("t3");
        DefaultUnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
        repository.load("t3").execute(tally -> tally.add(4));
        command.rollback();

        assertThat(snapshotter.snapshotFromMemory(Tally.class, cached(), "t3")).isEqualTo(Outcome.NOT_IN_MEMORY);
    }

    @Test
    void anAggregateNotInMemoryIsLeftToTheSnapshotterThatRebuildsIt() throws Exception {
        create("t4");
        cache.removeAll();

        snapshotter.scheduleSnapshot(Tally.class, "t4");
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);

        assertThat(rebuilt).containsExactly("Tally t4");
        assertThat(eventStore.readEvents("t4").next().getPayload()).isInstanceOf(Tally.Created.class);
    }

    @Test
    void aSnapshotTheStoreRefusesIsLeftOutAndTheNextOneIsTaken() throws Exception {
        AtomicInteger refusals = new AtomicInteger(1);
        EmbeddedEventStore failingOnce = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine() {
            @Override
            public void storeSnapshot(DomainEventMessage<?> snapshot) {
                if (refusals.getAndDecrement() > 0) {
                    throw new IllegalStateException("the database went away");
                }
                super.storeSnapshot(snapshot);
            }
        }).build();
        EventSourcingRepository<Tally> tallies = EventSourcingRepository.builder(Tally.class)
                .eventStore(failingOnce).cache(cache).lockFactory(locks).build();
        // Spaced as widely as can be: a refused snapshot must not count as taken, or the next would wait.
        CachedStateSnapshotter storingOnFailingStore = new CachedStateSnapshotter(rebuilding,
                Map.<Class<?>, CachedStateSnapshotter.CachedAggregates>of(Tally.class, cached()),
                failingOnce, serializer, NoTransactionManager.INSTANCE, new Spacing(1, 1_000), meters, executor);
        DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> tallies.newInstance(() -> new Tally("t5")));

        storingOnFailingStore.scheduleSnapshot(Tally.class, "t5");
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
        assertThat(failingOnce.readEvents("t5").next().getPayload()).as("no snapshot").isInstanceOf(Tally.Created.class);

        DefaultUnitOfWork.startAndGet(null).execute(() -> tallies.load("t5").execute(tally -> tally.add(9)));
        storingOnFailingStore.scheduleSnapshot(Tally.class, "t5");
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
        DomainEventMessage<?> snapshot = failingOnce.readEvents("t5").next();
        assertThat(snapshot.getSequenceNumber()).isEqualTo(1);
        assertThat(((Tally) snapshot.getPayload()).total).isEqualTo(9);
        assertThat(rebuilt).isEmpty();
        failingOnce.shutDown();
    }

    @Test
    void theNextSnapshotWaitsForOneEventForEverySoManyBytesOfTheLast() throws Exception {
        CachedStateSnapshotter spaced = snapshotter(new Spacing(10, 1_000));
        create("t6");
        for (int i = 0; i < 50; i++) {
            add("t6", i);
        }
        assertThat(spaced.snapshotFromMemory(Tally.class, cached(), "t6")).isEqualTo(Outcome.STORED);
        DomainEventMessage<?> first = eventStore.readEvents("t6").next();
        long bytes = serializer.serialize(first.getPayload(), byte[].class).getData().length;
        long wait = (bytes + 9) / 10;
        assertThat(wait).as("a snapshot of %d bytes", bytes).isGreaterThan(5);

        for (int i = 1; i < wait; i++) {
            add("t6", 1);
            assertThat(spaced.snapshotFromMemory(Tally.class, cached(), "t6")).as("after %d events", i)
                    .isEqualTo(Outcome.SPACED);
        }
        assertThat(eventStore.readEvents("t6").next().getSequenceNumber()).isEqualTo(first.getSequenceNumber());
        add("t6", 1);
        assertThat(spaced.snapshotFromMemory(Tally.class, cached(), "t6")).isEqualTo(Outcome.STORED);
        assertThat(eventStore.readEvents("t6").next().getSequenceNumber())
                .isEqualTo(first.getSequenceNumber() + wait);
        assertThat(meters.timer("timedeal.snapshots.lock.held", "aggregate", "Tally").count())
                .as("the serializations timed, the spaced requests not").isEqualTo(2);
    }

    @Test
    void theSpacingNeverWaitsLongerThanItsCap() throws Exception {
        CachedStateSnapshotter capped = snapshotter(new Spacing(1, 2));
        create("t7");
        assertThat(capped.snapshotFromMemory(Tally.class, cached(), "t7")).isEqualTo(Outcome.STORED);
        add("t7", 1);
        assertThat(capped.snapshotFromMemory(Tally.class, cached(), "t7")).isEqualTo(Outcome.SPACED);
        add("t7", 1);
        assertThat(capped.snapshotFromMemory(Tally.class, cached(), "t7")).isEqualTo(Outcome.STORED);
    }

    @Test
    void otherTypesGoStraightToTheSnapshotterThatRebuildsThem() {
        snapshotter.scheduleSnapshot(String.class, "s1");
        assertThat(rebuilt).containsExactly("String s1");
    }

    private CachedStateSnapshotter snapshotter(Spacing spacing) {
        return new CachedStateSnapshotter(rebuilding, Map.<Class<?>, CachedStateSnapshotter.CachedAggregates>of(
                Tally.class, cached()), eventStore, serializer, NoTransactionManager.INSTANCE, spacing, meters, executor);
    }

    private CachedStateSnapshotter.CachedAggregates cached() {
        return new CachedStateSnapshotter.CachedAggregates(cache, locks);
    }

    private void create(String id) throws Exception {
        DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> repository.newInstance(() -> new Tally(id)));
    }

    private void add(String id, int amount) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load(id).execute(tally -> tally.add(amount)));
    }

    /** A small event-sourced aggregate; public fields so the storage mapper writes them as they are. */
    public static class Tally {

        public record Created(String id) {
        }

        public record Added(String id, int amount) {
        }

        @AggregateIdentifier
        public String id;
        public int total;
        public List<Integer> parts = new ArrayList<>();

        public Tally() {
        }

        Tally(String id) {
            apply(new Created(id));
        }

        void add(int amount) {
            apply(new Added(id, amount));
        }

        @EventSourcingHandler
        void on(Created created) {
            id = created.id();
        }

        @EventSourcingHandler
        void on(Added added) {
            total += added.amount();
            parts.add(added.amount());
        }
    }
}
