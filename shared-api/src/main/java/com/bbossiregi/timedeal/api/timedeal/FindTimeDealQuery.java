package com.bbossiregi.timedeal.api.timedeal;

public record FindTimeDealQuery(long timeDealId) {
}
