package com.bbossiregi.timedeal.api.audit;

/**
 * How far one read model's processing group has got through the event store, as this instance sees it.
 *
 * @param name      the processing group, e.g. {@code deal-listing}
 * @param position  the global position of the last event the slowest segment has handled; {@code 0} before the first
 *                  event; null when this instance holds no segment of the group (stopped, or claimed elsewhere)
 * @param head      the global position of the newest event in the store, {@code 0} for an empty store
 * @param lag       {@code head - position}; {@code 0} when the position is unknown
 * @param replaying whether a replay is under way and has not yet caught up
 * @param running   whether the processor runs in this instance
 * @param error     whether the processor or one of its segments is stuck on a failing event
 */
public record ProjectionStatus(
        String name,
        Long position,
        long head,
        long lag,
        boolean replaying,
        boolean running,
        boolean error) {
}
