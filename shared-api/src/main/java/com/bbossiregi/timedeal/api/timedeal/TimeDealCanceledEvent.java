package com.bbossiregi.timedeal.api.timedeal;

import org.axonframework.serialization.Revision;

@Revision("1")
public record TimeDealCanceledEvent(long timeDealId) {
}
