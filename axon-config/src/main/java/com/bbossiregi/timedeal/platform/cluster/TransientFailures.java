package com.bbossiregi.timedeal.platform.cluster;

import java.util.List;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.distributed.CommandBusConnectorCommunicationException;
import org.axonframework.messaging.RemoteHandlingException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Which failed commands are worth sending again: those that did not change anything and may succeed on the next
 * attempt. The command's node left the ring while it was on the way, no node accepted it yet (the ring is forming), or
 * another writer of its aggregate came first (a deadline on another node, an owner that moved): the attempt was rolled
 * back and the next one loads the aggregate afresh. A business error is never transient. From another node only the
 * class names of a failure arrive, so those are read too.
 */
final class TransientFailures {

    private static final List<Class<? extends Throwable>> TRANSIENT = List.of(
            CommandBusConnectorCommunicationException.class,
            NoHandlerForCommandException.class,
            ConcurrencyException.class);

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        if (DomainErrorsAcrossNodes.domainError(failure).isPresent()) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> type : TRANSIENT) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            if (t instanceof RemoteHandlingException remote && remote.getExceptionDescriptions().stream()
                    .anyMatch(description -> TRANSIENT.stream().anyMatch(type -> description.startsWith(type.getName())))) {
                return true;
            }
        }
        return false;
    }
}
