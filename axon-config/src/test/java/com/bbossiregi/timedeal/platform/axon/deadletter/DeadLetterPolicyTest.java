package com.bbossiregi.timedeal.platform.axon.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class DeadLetterPolicyTest {

    private final DeadLetterPolicy policy = new DeadLetterPolicy();
    private final EventMessage<?> event = GenericEventMessage.asEventMessage("payload");

    @Test
    void theInfrastructureFailingIsTransient() {
        assertThat(DeadLetterPolicy.isTransient(new SQLException("connection lost", "08006"))).isTrue();
        assertThat(DeadLetterPolicy.isTransient(new SQLException("serialization", "40001"))).isTrue();
        assertThat(DeadLetterPolicy.isTransient(new SQLException("shutting down", "57P01"))).isTrue();
        assertThat(DeadLetterPolicy.isTransient(new SQLException("too many connections", "53300"))).isTrue();
        assertThat(DeadLetterPolicy.isTransient(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(DeadLetterPolicy.isTransient(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(DeadLetterPolicy.isTransient(new CannotCreateTransactionException("no transaction"))).isTrue();
        assertThat(DeadLetterPolicy.isTransient(new ConcurrencyException("appended meanwhile"))).isTrue();
        assertThat(DeadLetterPolicy.isTransient(new IllegalStateException("wrapped",
                new RuntimeException(new ConnectException("refused"))))).isTrue();
    }

    @Test
    void theEventsOwnFailureIsNot() {
        SQLException nul = new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        assertThat(DeadLetterPolicy.isTransient(nul)).isFalse();
        assertThat(DeadLetterPolicy.isTransient(new DataIntegrityViolationException("refused", nul))).isFalse();
        assertThat(DeadLetterPolicy.isTransient(new SQLException("no state"))).isFalse();
        assertThat(DeadLetterPolicy.isTransient(new AggregateNotFoundException("timedeal-9", "not found"))).isFalse();
        assertThat(DeadLetterPolicy.isTransient(new IllegalArgumentException("bug"))).isFalse();
    }

    @Test
    void aFreshPermanentFailureIsDeadLetteredWithItsCauseAndNoRetries() {
        IllegalStateException failure = new IllegalStateException("bad data");

        EnqueueDecision<EventMessage<?>> decision = policy.decide(letter(failure), failure);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).hasValueSatisfying(cause -> assertThat(cause).hasMessage("bad data"));
        assertThat(DeadLetterPolicy.retries(decision.withDiagnostics(letter(failure)))).isZero();
    }

    @Test
    void aFreshTransientFailureIsThrownOnSoThatTheProcessorRetriesTheBatch() {
        CannotGetJdbcConnectionException outage = new CannotGetJdbcConnectionException("database down");

        assertThatThrownBy(() -> policy.decide(letter(outage), outage)).isSameAs(outage);
    }

    @Test
    void aRetriedLetterThatFailsAgainStaysWithOneMoreRetryCountedUnlessTheFailureIsTransient() {
        DeadLetter<EventMessage<?>> retried = letter(new IllegalStateException("first"))
                .withDiagnostics(MetaData.with(DeadLetterPolicy.RETRIES, 2));
        UnitOfWork<?> retry = DefaultUnitOfWork.startAndGet(event);
        try {
            retry.resources().put(DeadLetter.class.getName(), retried);

            EnqueueDecision<EventMessage<?>> again = policy.decide(retried, new IllegalStateException("again"));
            assertThat(again.shouldEnqueue()).isTrue();
            assertThat(DeadLetterPolicy.retries(again.withDiagnostics(retried))).isEqualTo(3);

            EnqueueDecision<EventMessage<?>> outage = policy.decide(retried,
                    new SQLException("connection lost", "08006"));
            assertThat(outage.shouldEnqueue()).isTrue();
            assertThat(DeadLetterPolicy.retries(outage.withDiagnostics(retried))).isEqualTo(2);
        } finally {
            retry.rollback();
        }
    }

    private DeadLetter<EventMessage<?>> letter(Throwable cause) {
        return new GenericDeadLetter<>("sequence", event, cause);
    }
}
