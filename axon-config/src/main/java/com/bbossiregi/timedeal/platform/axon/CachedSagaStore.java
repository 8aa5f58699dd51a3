package com.bbossiregi.timedeal.platform.axon;

import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.CachingSagaStore;
import org.axonframework.modelling.saga.repository.SagaStore;

/**
 * Keeps sagas and their associations in memory in front of the database saga store, so that a saga's second and later
 * events find and load it without three queries: the order saga is one thread that every order passes through, and
 * its queries are most of what it waits for.
 *
 * <p>Axon's {@link CachingSagaStore} updates its caches as the saga changes, before the transaction commits. Two
 * cases would then leave memory ahead of or apart from the database, and both empty the caches:
 * <ul>
 *     <li>a rolled-back unit of work (a failed batch is retried from the database's state, never from a half-applied
 *     one in memory);</li>
 *     <li>this process losing a saga processor's segment (another node may move those sagas on; when this one claims
 *     the segment again it starts from the database).</li>
 * </ul>
 */
public final class CachedSagaStore implements SagaStore<Object>, AutoCloseable {

    private static final String CLEAR_ON_ROLLBACK = CachedSagaStore.class.getName() + ".clearOnRollback";

    private final BoundedJCache sagas;
    private final BoundedJCache associations;
    private final SagaStore<Object> cached;

    public CachedSagaStore(SagaStore<Object> database, long maximumSagas) {
        this.sagas = BoundedJCache.create("sagas", Math.max(1, maximumSagas));
        // Each saga has a few associations (its order, its deal), each looked up by value.
        this.associations = BoundedJCache.create("saga-associations", Math.max(1, maximumSagas * 2));
        // No memory at all (a maximum of 0) where another node may change a saga behind this one's back.
        this.cached = maximumSagas <= 0 ? database : CachingSagaStore.builder()
                .delegateSagaStore(database)
                .sagaCache(sagas)
                .associationsCache(associations)
                .build();
    }

    @Override
    public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
        clearIfRolledBack();
        return cached.findSagas(sagaType, associationValue);
    }

    @Override
    public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
        clearIfRolledBack();
        return cached.loadSaga(sagaType, sagaIdentifier);
    }

    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        clearIfRolledBack();
        cached.deleteSaga(sagaType, sagaIdentifier, associationValues);
    }

    @Override
    public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           Set<AssociationValue> associationValues) {
        clearIfRolledBack();
        cached.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
    }

    @Override
    public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           AssociationValues associationValues) {
        clearIfRolledBack();
        cached.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
    }

    /**
     * For the saga processor's tracker status listener: forget everything once a segment is no longer ours, and when
     * one becomes ours (its sagas may have moved on on another node since this one last held it).
     */
    public void onTrackerStatusChange(Map<Integer, EventTrackerStatus> updatedStatus) {
        if (updatedStatus.values().stream().anyMatch(status -> status.trackerRemoved() || status.trackerAdded()
                || status.isErrorState())) {
            clear();
        }
    }

    public void clear() {
        sagas.removeAll();
        associations.removeAll();
    }

    /** Releases the caches (the context is closing). */
    @Override
    public void close() {
        sagas.close();
        associations.close();
    }

    /** Registers, once per unit of work, that a rollback empties the caches. */
    private void clearIfRolledBack() {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root.resources().putIfAbsent(CLEAR_ON_ROLLBACK, Boolean.TRUE) == null) {
            root.onRollback(unitOfWork -> clear());
        }
    }
}
