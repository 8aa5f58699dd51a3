package com.bbossiregi.timedeal.projections.deallisting;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The listing's {@code remaining_seconds} come from {@link TimeDealStatus#remainingSeconds}; these are its rules. */
class RemainingSecondsTest {

    private static final Instant NOW = Instant.parse("2026-02-27T14:00:00Z");
    private static final Instant START = Instant.parse("2026-02-27T14:30:00Z");
    private static final Instant END = Instant.parse("2026-02-27T15:00:00Z");

    private static long remainingSeconds(TimeDealStatus status, Instant startAt, Instant endAt, Instant now) {
        return status.remainingSeconds(startAt, endAt, now);
    }

    @Test
    void scheduledCountsDownToTheStart() {
        assertThat(remainingSeconds(TimeDealStatus.SCHEDULED, START, END, NOW)).isEqualTo(1800);
    }

    @ParameterizedTest
    @EnumSource(value = TimeDealStatus.class, names = {"ACTIVE", "SOLDOUT"})
    void activeAndSoldOutCountDownToTheEnd(TimeDealStatus status) {
        Instant during = Instant.parse("2026-02-27T14:45:00Z");
        assertThat(remainingSeconds(status, START, END, during)).isEqualTo(900);
    }

    @ParameterizedTest
    @EnumSource(value = TimeDealStatus.class, names = {"ENDED", "CANCELED"})
    void finishedDealsHaveNothingLeft(TimeDealStatus status) {
        assertThat(remainingSeconds(status, START, END, NOW)).isZero();
    }

    @Test
    void aStartThatHasPassedBeforeTheDeadlineRanIsZeroNotNegative() {
        Instant afterStart = START.plusSeconds(5);
        assertThat(remainingSeconds(TimeDealStatus.SCHEDULED, START, END, afterStart)).isZero();
    }

    @Test
    void anEndThatHasPassedBeforeTheDeadlineRanIsZeroNotNegative() {
        Instant afterEnd = END.plusSeconds(5);
        assertThat(remainingSeconds(TimeDealStatus.ACTIVE, START, END, afterEnd)).isZero();
        assertThat(remainingSeconds(TimeDealStatus.SOLDOUT, START, END, END)).isZero();
    }

    @Test
    void partialSecondsAreDropped() {
        Instant almostTwoSecondsBeforeEnd = END.minusMillis(1999);
        assertThat(remainingSeconds(TimeDealStatus.ACTIVE, START, END, almostTwoSecondsBeforeEnd)).isEqualTo(1);
        assertThat(remainingSeconds(TimeDealStatus.ACTIVE, START, END, END.minusMillis(1))).isZero();
    }
}
