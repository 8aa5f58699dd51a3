package com.bbossiregi.timedeal.api.timedeal;

import org.axonframework.serialization.Revision;

/** The deal reached its end and takes no more orders. */
@Revision("1")
public record TimeDealEndedEvent(long timeDealId) {
}
