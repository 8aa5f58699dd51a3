package com.bbossiregi.timedeal.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.common.ErrorDetails;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.messaging.RemoteExceptionDescription;
import org.axonframework.messaging.RemoteHandlingException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class DomainErrorsAcrossNodesTest {

    private final ObjectMapper httpMapper = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private final DomainErrorsAcrossNodes interceptor = new DomainErrorsAcrossNodes(httpMapper);

    record Shortage(int availableQuantity, int requested) {
    }

    @Test
    void aBusinessErrorLeavesTheHandlingNodeAsDetailsInTheHttpJsonForm() {
        var unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("command"));
        try {
            assertThatThrownBy(() -> interceptor.handle(unitOfWork, () -> {
                throw new DomainException(ErrorCode.INSUFFICIENT_STOCK, "only 2 left", new Shortage(2, 5));
            }))
                    .isInstanceOf(CommandExecutionException.class)
                    .satisfies(e -> assertThat(((CommandExecutionException) e).getDetails()).contains(new ErrorDetails(
                            ErrorCode.INSUFFICIENT_STOCK, "only 2 left",
                            Map.of("available_quantity", 2, "requested", 5))));
        } finally {
            unitOfWork.rollback();
        }
    }

    @Test
    void theDispatchingNodeGetsTheSameDomainExceptionBackFromTheWireForm() {
        // What a remote reply carries: the failure as a description, the details serialized by the message serializer.
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        ErrorDetails sent = new ErrorDetails(ErrorCode.VALIDATION_ERROR, "Request validation failed",
                List.of(Map.of("field", "quantity", "message", "must be at least 1")));
        SerializedObject<byte[]> wire = serializer.serialize(sent, byte[].class);
        Object received = serializer.deserialize(wire);
        CommandExecutionException remote = new CommandExecutionException("remote failure", new RemoteHandlingException(
                RemoteExceptionDescription.describing(new IllegalStateException("x"))), received);

        DomainException restored = DomainErrorsAcrossNodes.domainError(remote).orElseThrow();

        assertThat(restored.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(restored.getMessage()).isEqualTo("Request validation failed");
        assertThat(restored.details()).isEqualTo(sent.details());
    }

    @Test
    void theOutermostLinkOfTheCauseChainDecidesWhichBusinessErrorIsSeen() {
        // Handled on this node: the carried form wraps the thrown exception, and the carried form is what is seen,
        // the same as from another node (details in the HTTP JSON form).
        DomainException thrown = new DomainException(ErrorCode.INSUFFICIENT_STOCK, "only 2 left", new Shortage(2, 5));
        var sent = new CommandExecutionException("only 2 left", thrown, interceptor.carried(thrown));

        DomainException seen = DomainErrorsAcrossNodes.domainError(sent).orElseThrow();

        assertThat(seen).isNotSameAs(thrown).hasCause(sent);
        assertThat(seen.details()).isEqualTo(Map.of("available_quantity", 2, "requested", 5));
        // Restored once, it is found as it is, not restored again from the details below it.
        assertThat(DomainErrorsAcrossNodes.domainError(seen)).containsSame(seen);
        assertThat(DomainErrorsAcrossNodes.restored(seen)).containsSame(seen);
        assertThat(DomainErrorsAcrossNodes.restored(new IllegalStateException("bug", new RuntimeException()))).isEmpty();
    }

    @Test
    void theGatewayRestoresTheBusinessErrorOfAFailedResult() {
        var failure = new CommandExecutionException("remote failure", null,
                new ErrorDetails(ErrorCode.ALREADY_CANCELED, "the deal is already canceled", null));
        var gateway = new ClusterCommandGateway(new FailingGateway(failure));

        assertThatThrownBy(() -> gateway.sendAndWait("command"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_CANCELED);
                    assertThat(e.getMessage()).isEqualTo("the deal is already canceled");
                });
        assertThat(gateway.send("command")).failsWithin(java.time.Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(DomainException.class);
        var results = new java.util.ArrayList<Object>();
        gateway.send("command", (message, result) -> results.add(result.exceptionResult()));
        assertThat(results).singleElement().isInstanceOf(DomainException.class);
    }

    @Test
    void aMissingAggregateOnAnotherNodeIsStillAMissingAggregateHere() {
        var unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("command"));
        CommandExecutionException sent;
        try {
            sent = org.assertj.core.api.Assertions.catchThrowableOfType(CommandExecutionException.class,
                    () -> interceptor.handle(unitOfWork, () -> {
                        throw new org.axonframework.modelling.command.AggregateNotFoundException("order-1", "no order");
                    }));
        } finally {
            unitOfWork.rollback();
        }
        // Across the wire: the details serialized and read back, the cause reduced to a description.
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        Object details = serializer.deserialize(serializer.serialize(sent.getDetails().orElseThrow(), byte[].class));
        var remote = new CommandExecutionException("remote failure", new RemoteHandlingException(
                RemoteExceptionDescription.describing(sent.getCause())), details);

        assertThatThrownBy(() -> new ClusterCommandGateway(new FailingGateway(remote)).sendAndWait("command"))
                .isInstanceOf(org.axonframework.modelling.command.AggregateNotFoundException.class)
                .hasMessage("no order");
    }

    @Test
    void onlyFailuresThatChangedNothingAreRetried() {
        assertThat(TransientFailures.isTransient(new org.axonframework.commandhandling.distributed
                .CommandBusConnectorCommunicationException("node left"))).isTrue();
        assertThat(TransientFailures.isTransient(new CommandExecutionException("remote", new RemoteHandlingException(
                RemoteExceptionDescription.describing(new org.axonframework.modelling.command.ConcurrencyException(
                        "seq taken")))))).isTrue();
        assertThat(TransientFailures.isTransient(new DomainException(ErrorCode.ALREADY_CANCELED, "no"))).isFalse();
        assertThat(TransientFailures.isTransient(new CommandExecutionException("remote", null,
                new ErrorDetails(ErrorCode.INSUFFICIENT_STOCK, "no", null)))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("bug"))).isFalse();
    }

    /** A gateway whose every command fails with one exception. */
    private record FailingGateway(RuntimeException failure)
            implements org.axonframework.commandhandling.gateway.CommandGateway {

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public <C, R> void send(C command, org.axonframework.commandhandling.CommandCallback<? super C, ? super R> callback) {
            ((org.axonframework.commandhandling.CommandCallback) callback).onResult(
                    GenericCommandMessage.asCommandMessage(command),
                    GenericCommandResultMessage.asCommandResultMessage(failure));
        }

        @Override
        public <R> R sendAndWait(Object command) {
            throw failure;
        }

        @Override
        public <R> R sendAndWait(Object command, long timeout, java.util.concurrent.TimeUnit unit) {
            throw failure;
        }

        @Override
        public <R> java.util.concurrent.CompletableFuture<R> send(Object command) {
            return java.util.concurrent.CompletableFuture.failedFuture(failure);
        }

        @Override
        public org.axonframework.common.Registration registerDispatchInterceptor(
                org.axonframework.messaging.MessageDispatchInterceptor<
                        ? super org.axonframework.commandhandling.CommandMessage<?>> interceptor) {
            return () -> true;
        }
    }
}
