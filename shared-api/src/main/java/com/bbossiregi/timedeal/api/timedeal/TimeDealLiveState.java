package com.bbossiregi.timedeal.api.timedeal;

import java.time.Instant;

/**
 * A deal's stock and status as the live streams send it: the whole state after one change, so a client never adds
 * deltas and may apply an event it already has again. {@code sequence} is the deal's own event sequence number of
 * the last event folded in; a client keeps, per deal, the state with the highest one. {@code changedAt} is that
 * event's timestamp: when the deal's aggregate applied it, just before the command's transaction committed, so a
 * client can tell how old the state is.
 */
public record TimeDealLiveState(
        long timeDealId,
        TimeDealStatus status,
        int stockQuantity,
        int availableQuantity,
        int reservedQuantity,
        int soldQuantity,
        Instant startAt,
        Instant endAt,
        long sequence,
        Instant changedAt) {

    /** Ended and canceled deals change no more in a way a shopper can act on; their streams end. */
    public boolean over() {
        return status == TimeDealStatus.ENDED || status == TimeDealStatus.CANCELED;
    }
}
