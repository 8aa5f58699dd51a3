package com.bbossiregi.timedeal.platform.cluster;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorDetails;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Keeps a business error's code, message and details when a command is handled on another node. A remote caller gets
 * only an exception's class name and message, plus the failure's details, serialized with the message serializer
 * (Jackson). So the handling node puts the {@link DomainException} into those details as {@link ErrorDetails}, with the
 * details in the HTTP API's JSON form (so the envelope reads the same from any node), and the dispatching node's
 * gateway ({@link ClusterCommandGateway}) turns it back into the same {@link DomainException}.
 */
public final class DomainErrorsAcrossNodes implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final ObjectMapper httpMapper;

    public DomainErrorsAcrossNodes(ObjectMapper httpMapper) {
        this.httpMapper = httpMapper;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         InterceptorChain interceptorChain) throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (DomainException e) {
            throw new CommandExecutionException(e.getMessage(), e, carried(e));
        } catch (RuntimeException e) {
            AggregateFailure failure = AggregateFailure.of(e);
            if (failure == null) {
                throw e;
            }
            throw new CommandExecutionException(e.getMessage(), e, failure);
        }
    }

    ErrorDetails carried(DomainException e) {
        Object details = e.details() == null ? null : httpMapper.convertValue(e.details(), Object.class);
        return new ErrorDetails(e.code(), e.getMessage(), details);
    }

    /**
     * The exception a caller would have seen had the command been handled in its own process: a business error or an
     * {@link AggregateFailure}, carried back from the handling node; empty for any other failure.
     */
    public static Optional<RuntimeException> restored(Throwable failure) {
        Optional<DomainException> domain = domainError(failure);
        if (domain.isPresent()) {
            return Optional.of(domain.get());
        }
        return causeChain(failure)
                .flatMap(link -> carriedDetails(link, AggregateFailure.class).stream())
                .findFirst()
                .map(carried -> {
                    RuntimeException restored = carried.toException();
                    restored.addSuppressed(failure);
                    return restored;
                });
    }

    /**
     * The business error a failure carries, whether thrown here or sent back by another node: the outermost link of
     * its cause chain that is one or carries one decides.
     */
    public static Optional<DomainException> domainError(Throwable failure) {
        return causeChain(failure)
                .flatMap(link -> link instanceof DomainException domain
                        ? Stream.of(domain)
                        : carriedDetails(link, ErrorDetails.class).map(carried -> {
                            DomainException restored = carried.toException();
                            restored.initCause(failure);
                            return restored;
                        }).stream())
                .findFirst();
    }

    /** The details of the given type that one link of a cause chain carries, as a failed handler's details. */
    private static <T> Optional<T> carriedDetails(Throwable link, Class<T> type) {
        return link instanceof HandlerExecutionException handler
                ? handler.getDetails().filter(type::isInstance).map(type::cast)
                : Optional.empty();
    }

    /** The failure and its causes, outermost first (lazily, so a search stops at its first find). */
    private static Stream<Throwable> causeChain(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause());
    }
}
