package com.bbossiregi.timedeal.platform.axon.deadletter;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes an event handler may hold back to the end of its processor's batch, so that what many events change goes to
 * the database together as the batch commits, instead of one statement, and one round trip, per event.
 *
 * <p>Allowed only while {@link HandlerSavepoints} runs the handler without a savepoint, where a failure fails the whole
 * batch anyway. Held-back writes that fail as the batch commits fail it as a handler failing there does: the group
 * takes savepoints, the processor rolls the batch back and retries it, and on the retry every handler writes at once,
 * inside its savepoint, so the event that cannot be written is dead-lettered alone, as before.
 *
 * <p>Written here because neither Axon nor Spring holds a processor's writes back to the commit of its batch.
 */
public final class BatchWrites {

    /** What a handler holds back in one batch. */
    public interface Pending {

        /** Sends what was held back; called once, inside the batch's transaction, as it commits or before. */
        void flush();
    }

    private static final String PERMIT = BatchWrites.class.getName() + ".permit";

    private BatchWrites() {
    }

    /**
     * This batch's pending writes of {@code kind}, made on first use, when the handler running may hold writes back.
     * When it may not (a savepoint, a dead letter's retry, no batch), anything of that kind still held back is sent
     * first, so that writing at once never overtakes it.
     *
     * @return the pending writes to add to; empty when the handler must write at once
     */
    public static <P extends Pending> Optional<P> pending(Class<P> kind, Supplier<P> create) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Permit permit = batch.getResource(PERMIT);
        if (permit == null) {
            send(batch, kind);
            return Optional.empty();
        }
        return Optional.of(batch.getOrComputeResource(kind.getName(), name -> {
            P created = create.get();
            // Sent here unless it was sent before (sendNow); a later instance of the kind has its own handler.
            batch.onPrepareCommit(committing -> {
                if (committing.resources().remove(name, created)) {
                    flush(created, permit.failure());
                }
            });
            return created;
        }));
    }

    /**
     * Sends what this batch holds back of {@code kind} now, before a write that must not overtake it; what the handlers
     * hold back afterwards is sent as the batch commits, as usual.
     */
    public static void sendNow(Class<? extends Pending> kind) {
        if (CurrentUnitOfWork.isStarted()) {
            send(CurrentUnitOfWork.get().root(), kind);
        }
    }

    /** Taken out of the batch first, so the commit does not send it again. */
    private static void send(UnitOfWork<?> batch, Class<? extends Pending> kind) {
        Pending held = kind.cast(batch.resources().remove(kind.getName()));
        if (held != null) {
            held.flush();
        }
    }

    private static void flush(Pending pending, Function<RuntimeException, RuntimeException> failure) {
        try {
            pending.flush();
        } catch (RuntimeException e) {
            throw failure.apply(e);
        }
    }

    /**
     * Lets the handler about to run hold writes back ({@link HandlerSavepoints}, without a savepoint).
     *
     * @param failure what a failure of the held-back writes becomes as the batch commits
     * @return call it once the handler returned
     */
    static Runnable permit(Function<RuntimeException, RuntimeException> failure) {
        if (!CurrentUnitOfWork.isStarted()) {
            return () -> {
            };
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.resources().put(PERMIT, new Permit(failure));
        return () -> batch.resources().remove(PERMIT);
    }

    private record Permit(Function<RuntimeException, RuntimeException> failure) {
    }
}
