package com.bbossiregi.timedeal.api.timedeal;

import java.time.Duration;
import java.time.Instant;

public enum TimeDealStatus {
    SCHEDULED,
    ACTIVE,
    SOLDOUT,
    ENDED,
    CANCELED;

    /**
     * The contract's {@code remaining_seconds}, always computed at the moment of reading: until the start for a
     * scheduled deal, until the end for an active or sold-out one, otherwise 0; never negative.
     */
    public long remainingSeconds(Instant startAt, Instant endAt, Instant now) {
        Instant target = switch (this) {
            case SCHEDULED -> startAt;
            case ACTIVE, SOLDOUT -> endAt;
            case ENDED, CANCELED -> null;
        };
        return target == null ? 0 : Math.max(0, Duration.between(now, target).getSeconds());
    }
}
