package com.bbossiregi.timedeal.api.audit;

import java.util.List;

/**
 * How far one processing group (a read model, or a saga) has got through the event store, as this instance sees it,
 * and what it could not handle.
 *
 * @param name            the processing group, e.g. {@code deal-listing}
 * @param position        the global position of the last event the slowest segment has handled; {@code 0} before the
 *                        first event; null when this instance holds no segment of the group (stopped, or claimed
 *                        elsewhere)
 * @param head            the global position of the newest event in the store, {@code 0} for an empty store
 * @param lag             {@code head - position}; {@code 0} when the position is unknown
 * @param replaying       whether a replay is under way and has not yet caught up
 * @param running         whether the processor runs in this instance
 * @param error           whether the processor or one of its segments is stuck on a failing event (a transient
 *                        failure, retried; an event's own failure is dead-lettered instead)
 * @param kind            a read model (replayable) or a saga (never replayed)
 * @param deadLetterCount how many events of the group are dead letters
 * @param deadLetters     the first of them, sequence by sequence, oldest first
 */
public record ProjectionStatus(
        String name,
        Long position,
        long head,
        long lag,
        boolean replaying,
        boolean running,
        boolean error,
        Kind kind,
        long deadLetterCount,
        List<DeadLetterView> deadLetters) {

    public enum Kind {
        READ_MODEL,
        SAGA
    }

    public ProjectionStatus {
        deadLetters = List.copyOf(deadLetters);
    }

    /** A read model's progress, with no dead letters. */
    public ProjectionStatus(String name, Long position, long head, long lag, boolean replaying, boolean running,
                            boolean error) {
        this(name, position, head, lag, replaying, running, error, Kind.READ_MODEL, 0, List.of());
    }

    public ProjectionStatus withDeadLetters(Kind kind, long count, List<DeadLetterView> letters) {
        return new ProjectionStatus(name, position, head, lag, replaying, running, error, kind, count, letters);
    }
}
