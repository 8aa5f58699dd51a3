package com.bbossiregi.timedeal.api.timedeal;

import com.bbossiregi.timedeal.api.common.PageRequest;

/** {@code status} null lists every deal: active first, then scheduled, then the rest, each by start ascending. */
public record FindTimeDealsQuery(TimeDealStatus status, PageRequest page) {
}
