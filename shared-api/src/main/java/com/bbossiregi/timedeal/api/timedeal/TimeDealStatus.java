package com.bbossiregi.timedeal.api.timedeal;

public enum TimeDealStatus {
    SCHEDULED,
    ACTIVE,
    SOLDOUT,
    ENDED,
    CANCELED
}
