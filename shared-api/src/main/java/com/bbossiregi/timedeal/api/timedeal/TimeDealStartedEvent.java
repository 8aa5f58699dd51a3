package com.bbossiregi.timedeal.api.timedeal;

import org.axonframework.serialization.Revision;

/** The deal reached its start and takes orders. */
@Revision("1")
public record TimeDealStartedEvent(long timeDealId) {
}
