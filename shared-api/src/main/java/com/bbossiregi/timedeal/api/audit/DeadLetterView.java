package com.bbossiregi.timedeal.api.audit;

import java.time.Instant;

/**
 * One event a processing group could not handle, parked in its dead-letter queue.
 *
 * @param sequenceIdentifier what orders the group's events: the aggregate's id for a read model, the saga's id for a
 *                           saga; later events of the same sequence wait behind this one
 * @param eventType          the event's payload type, e.g. {@code ProductCreatedEvent}
 * @param aggregateId        the aggregate that applied the event, null when it is not a domain event
 * @param globalPosition     the event's position in the event store, null when unknown
 * @param causeType          the failure's exception type; null for an event queued behind an earlier dead letter
 * @param causeMessage       the failure's message, truncated
 * @param enqueuedAt         when it was dead-lettered
 * @param lastTouchedAt      when it was last dead-lettered or retried
 * @param retries            how many times a retry failed again
 */
public record DeadLetterView(
        String sequenceIdentifier,
        String eventType,
        String aggregateId,
        Long globalPosition,
        String causeType,
        String causeMessage,
        Instant enqueuedAt,
        Instant lastTouchedAt,
        int retries) {
}
