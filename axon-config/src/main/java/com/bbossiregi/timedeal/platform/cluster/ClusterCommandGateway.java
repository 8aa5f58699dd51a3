package com.bbossiregi.timedeal.platform.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * The command gateway of a clustered command node: Axon's gateway (with its retry scheduler for transient failures)
 * whose failures carrying a business error or an {@link AggregateFailure} become that exception again, as if the
 * command had been handled in this process. Callers, the sagas and the error advice then see one kind of business error wherever the
 * command ran. Axon's gateway has no hook that maps results, hence this thin wrapper.
 */
public final class ClusterCommandGateway implements CommandGateway {

    private final CommandGateway delegate;

    public ClusterCommandGateway(CommandGateway delegate) {
        this.delegate = delegate;
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        delegate.send(command, (CommandCallback<C, R>) (message, result) -> callback.onResult(message, restored(result)));
    }

    @Override
    public <R> R sendAndWait(Object command) {
        return restoring(() -> delegate.sendAndWait(command));
    }

    @Override
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
        return restoring(() -> delegate.sendAndWait(command, timeout, unit));
    }

    @Override
    public <R> CompletableFuture<R> send(Object command) {
        CompletableFuture<R> answer = new CompletableFuture<>();
        delegate.<R>send(command).whenComplete((result, failure) -> {
            if (failure == null) {
                answer.complete(result);
            } else {
                answer.completeExceptionally(restored(unwrap(failure)));
            }
        });
        return answer;
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }

    private static <R> R restoring(Supplier<R> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw restored(e);
        }
    }

    private static RuntimeException restored(RuntimeException failure) {
        return DomainErrorsAcrossNodes.restored(failure).orElse(failure);
    }

    private static Throwable restored(Throwable failure) {
        return DomainErrorsAcrossNodes.restored(failure).map(Throwable.class::cast).orElse(failure);
    }

    @SuppressWarnings("unchecked")
    private static <R> CommandResultMessage<R> restored(CommandResultMessage<R> result) {
        if (!result.isExceptional()) {
            return result;
        }
        Throwable failure = result.exceptionResult();
        Throwable restored = restored(failure);
        return restored == failure ? result
                : (CommandResultMessage<R>) GenericCommandResultMessage.asCommandResultMessage(restored)
                        .andMetaData(result.getMetaData());
    }

    private static Throwable unwrap(Throwable failure) {
        return (failure instanceof CompletionException || failure instanceof ExecutionException)
                && failure.getCause() != null ? failure.getCause() : failure;
    }
}
