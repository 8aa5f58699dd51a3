package com.bbossiregi.timedeal.platform.axon.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** When a handler of a dead-lettered group gets a savepoint, and what a failure without one does. */
class HandlerSavepointsTest {

    /** A handler of a dead-lettered group that fails as told. */
    @ProcessingGroup("listing")
    static class Listing {
        final List<String> handled = new ArrayList<>();
        RuntimeException failWith;
        boolean holdBack;
        RuntimeException failAtCommit;

        @EventHandler
        public void on(String event) {
            if (failWith != null) {
                throw failWith;
            }
            if (holdBack) {
                Optional<Held> held = BatchWrites.pending(Held.class, () -> new Held(this));
                if (held.isPresent()) {
                    held.get().events.add(event);
                    return;
                }
            }
            handled.add(event);
        }
    }

    /** What the listing holds back to its batch's commit. */
    static final class Held implements BatchWrites.Pending {
        final Listing listing;
        final List<String> events = new ArrayList<>();

        Held(Listing listing) {
            this.listing = listing;
        }

        @Override
        public void flush() {
            if (listing.failAtCommit != null) {
                throw listing.failAtCommit;
            }
            listing.handled.addAll(events);
        }
    }

    /** Counts the savepoints taken, and runs the handler inside each. */
    static final class CountingSavepoints extends TransactionTemplate {
        final AtomicInteger taken = new AtomicInteger();

        @Override
        public <T> T execute(TransactionCallback<T> action) {
            taken.incrementAndGet();
            return action.doInTransaction((TransactionStatus) null);
        }
    }

    private final CountingSavepoints savepoints = new CountingSavepoints();
    private final HandlerSavepoints enhancer = new HandlerSavepoints(Set.of("listing"), () -> savepoints,
            () -> () -> null, Map::of);
    private final Listing listing = new Listing();
    private MessageHandlingMember<? super Listing> handler;

    @BeforeEach
    void inATransaction() {
        handler = enhancer.wrapHandler(AnnotatedHandlerInspector.inspectType(Listing.class)
                .getHandlers(Listing.class).findFirst().orElseThrow());
        TransactionSynchronizationManager.setActualTransactionActive(true);
    }

    @AfterEach
    void clear() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void inAProcessorsTransactionAHandlerRunsWithoutASavepoint() throws Exception {
        handle("first");
        handle("second");

        assertThat(listing.handled).containsExactly("first", "second");
        assertThat(savepoints.taken).hasValue(0);
    }

    @Test
    void aFailureWithoutASavepointFailsTheBatchAsTransientAndTheRetryTakesSavepoints() throws Exception {
        DataIntegrityViolationException refused = new DataIntegrityViolationException("refused",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
        listing.failWith = refused;

        assertThatThrownBy(() -> handle("poisoned"))
                .isInstanceOf(HandlerSavepoints.RetryWithSavepoints.class)
                .hasCause(refused)
                .satisfies(failure -> assertThat(DeadLetterPolicy.isTransient(failure)).isTrue());
        assertThat(savepoints.taken).hasValue(0);

        // The retried batch: the failure now comes out of a savepoint as it is, for the dead-letter queue.
        assertThatThrownBy(() -> handle("poisoned")).isSameAs(refused);
        listing.failWith = null;
        handle("next");
        assertThat(savepoints.taken).hasValue(2);
        assertThat(listing.handled).containsExactly("next");
    }

    @Test
    void aTransientFailureIsThrownAsItIsAndLeavesSavepointsOff() throws Exception {
        SQLException connectionLost = new SQLException("connection lost", "08006");
        listing.failWith = new IllegalStateException(connectionLost);

        assertThatThrownBy(() -> handle("during an outage")).isSameAs(listing.failWith);
        listing.failWith = null;
        handle("after");

        assertThat(savepoints.taken).hasValue(0);
    }

    @Test
    void aDeadLetterHandledAgainOrAHandlerOutsideATransactionTakesASavepoint() throws Exception {
        EventMessage<?> event = GenericEventMessage.asEventMessage("again");
        UnitOfWork<EventMessage<?>> retry = DefaultUnitOfWork.startAndGet(event);
        try {
            retry.resources().put(DeadLetter.class.getName(), new GenericDeadLetter<>("listing-1", event));
            handler.handle(event, listing);
        } finally {
            retry.rollback();
        }
        assertThat(savepoints.taken).hasValue(1);

        TransactionSynchronizationManager.setActualTransactionActive(false);
        handle("alone");
        assertThat(savepoints.taken).hasValue(2);
        assertThat(listing.handled).containsExactly("again", "alone");
    }

    @Test
    void writesHeldBackGoAtTheCommitAndTheirFailureThereRetriesTheBatchWithSavepoints() throws Exception {
        listing.holdBack = true;
        UnitOfWork<EventMessage<?>> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("first"));
        handler.handle(GenericEventMessage.asEventMessage("first"), listing);
        handler.handle(GenericEventMessage.asEventMessage("second"), listing);
        assertThat(listing.handled).isEmpty();
        batch.commit();
        assertThat(listing.handled).containsExactly("first", "second");

        DataIntegrityViolationException refused = new DataIntegrityViolationException("refused",
                new SQLException("date/time field value out of range", "22008"));
        listing.failAtCommit = refused;
        UnitOfWork<EventMessage<?>> failing = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("bad"));
        handler.handle(GenericEventMessage.asEventMessage("bad"), listing);
        assertThatThrownBy(failing::commit)
                .isInstanceOf(HandlerSavepoints.RetryWithSavepoints.class)
                .hasCause(refused)
                .satisfies(failure -> assertThat(DeadLetterPolicy.isTransient(failure)).isTrue());

        // The retried batch takes savepoints and holds nothing back: each handler writes at once.
        listing.failAtCommit = null;
        handle("bad");
        assertThat(savepoints.taken).hasValue(1);
        assertThat(listing.handled).containsExactly("first", "second", "bad");
    }

    @Test
    void writesHeldBackAndSentEarlyAreNotSentAgainAsTheBatchCommits() throws Exception {
        listing.holdBack = true;
        UnitOfWork<EventMessage<?>> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("first"));
        handler.handle(GenericEventMessage.asEventMessage("first"), listing);
        BatchWrites.sendNow(Held.class);
        assertThat(listing.handled).containsExactly("first");

        handler.handle(GenericEventMessage.asEventMessage("second"), listing);
        assertThat(listing.handled).containsExactly("first");
        batch.commit();
        assertThat(listing.handled).containsExactly("first", "second");
    }

    private void handle(String payload) throws Exception {
        EventMessage<?> event = GenericEventMessage.asEventMessage(payload);
        UnitOfWork<EventMessage<?>> batch = DefaultUnitOfWork.startAndGet(event);
        try {
            handler.handle(event, listing);
        } finally {
            batch.rollback();
        }
    }
}
