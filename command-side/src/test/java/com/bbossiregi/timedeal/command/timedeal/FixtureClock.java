package com.bbossiregi.timedeal.command.timedeal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;

/** The time an aggregate fixture simulates, as a clock: while it triggers a deadline, that deadline's time. */
final class FixtureClock extends Clock {

    private final AggregateTestFixture<?> fixture;

    FixtureClock(AggregateTestFixture<?> fixture) {
        this.fixture = fixture;
    }

    @Override
    public Instant instant() {
        return fixture.currentTime();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
