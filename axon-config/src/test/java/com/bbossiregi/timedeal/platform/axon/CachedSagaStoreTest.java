package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.RemovedTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackerStatus;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.junit.jupiter.api.Test;

class CachedSagaStoreTest {

    static final class OrderSagaState {
        String step;

        OrderSagaState(String step) {
            this.step = step;
        }
    }

    /** The store behind the cache, counting what reaches it. */
    static final class CountingStore implements SagaStore<Object> {
        final InMemorySagaStore store = new InMemorySagaStore();
        final AtomicInteger finds = new AtomicInteger();
        final AtomicInteger loads = new AtomicInteger();

        @Override
        public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
            finds.incrementAndGet();
            return store.findSagas(sagaType, associationValue);
        }

        @Override
        public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
            loads.incrementAndGet();
            return store.loadSaga(sagaType, sagaIdentifier);
        }

        @Override
        public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
            store.deleteSaga(sagaType, sagaIdentifier, associationValues);
        }

        @Override
        public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                               Set<AssociationValue> associationValues) {
            store.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
        }

        @Override
        public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                               AssociationValues associationValues) {
            store.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
        }
    }

    private static final AssociationValue ORDER = new AssociationValue("orderId", "order-1");

    private final CountingStore database = new CountingStore();
    private final CachedSagaStore store = new CachedSagaStore(database, 100);

    @Test
    void aSagaPlacedAndThenAdvancedIsFoundAndLoadedFromMemory() {
        inUnitOfWork(() -> {
            assertThat(store.findSagas(OrderSagaState.class, ORDER)).isEmpty();
            store.insertSaga(OrderSagaState.class, "saga-1", new OrderSagaState("placed"), Set.of(ORDER));
        });

        inUnitOfWork(() -> {
            assertThat(store.findSagas(OrderSagaState.class, ORDER)).containsExactly("saga-1");
            assertThat(store.loadSaga(OrderSagaState.class, "saga-1").saga().step).isEqualTo("placed");
        });

        assertThat(database.finds).hasValue(1);
        assertThat(database.loads).hasValue(0);
    }

    @Test
    void aRolledBackUnitOfWorkLeavesNothingOfItsChangesInMemory() {
        inUnitOfWork(() -> store.insertSaga(OrderSagaState.class, "saga-1", new OrderSagaState("placed"), Set.of(ORDER)));

        UnitOfWork<?> failing = DefaultUnitOfWork.startAndGet(null);
        OrderSagaState changed = store.<OrderSagaState>loadSaga(OrderSagaState.class, "saga-1").saga();
        changed.step = "reserved";
        failing.rollback();

        inUnitOfWork(() -> store.loadSaga(OrderSagaState.class, "saga-1"));
        assertThat(database.loads).as("read again from the store after the rollback").hasValue(1);
    }

    @Test
    void losingTheProcessorSegmentEmptiesTheCaches() {
        inUnitOfWork(() -> store.insertSaga(OrderSagaState.class, "saga-1", new OrderSagaState("placed"), Set.of(ORDER)));
        store.onTrackerStatusChange(Map.of(0, new TrackerStatus(Segment.ROOT_SEGMENT, new GlobalSequenceTrackingToken(5))));
        inUnitOfWork(() -> store.loadSaga(OrderSagaState.class, "saga-1"));
        assertThat(database.loads).as("progress alone keeps the cache").hasValue(0);

        store.onTrackerStatusChange(Map.of(0, new RemovedTrackerStatus(
                new TrackerStatus(Segment.ROOT_SEGMENT, new GlobalSequenceTrackingToken(5)))));
        inUnitOfWork(() -> store.loadSaga(OrderSagaState.class, "saga-1"));

        assertThat(database.loads).hasValue(1);
    }

    private static void inUnitOfWork(Runnable work) {
        DefaultUnitOfWork.startAndGet(null).execute(work);
    }
}
