package com.bbossiregi.timedeal.api.timedeal;

import org.axonframework.serialization.Revision;

/** A sold-out deal got stock back before its end and takes orders again. */
@Revision("1")
public record TimeDealReactivatedEvent(long timeDealId) {
}
