package com.bbossiregi.timedeal.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservationRejectedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealEndedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealLiveState;
import com.bbossiregi.timedeal.api.timedeal.TimeDealReactivatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealSoldOutEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveStateFoldTest {

    @Test
    void stockMovesFromAvailableToReservedToSoldAndBackAsTheAggregateCountsIt() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        TimeDealLiveState state = LiveStateFold.apply(null, new TimeDealCreatedEvent(7, 1, 100, 80, 20, 3, start,
                start.plusSeconds(3600), TimeDealStatus.ACTIVE, null), 0, at(0)).state();
        assertThat(state.availableQuantity()).isEqualTo(3);
        assertThat(state.changedAt()).isEqualTo(at(0));

        state = LiveStateFold.apply(state, new StockReservedEvent(7, "a", 2, 1L), 1, at(1)).state();
        state = LiveStateFold.apply(state, new StockReservedEvent(7, "b", 1, 1L), 2, at(2)).state();
        state = LiveStateFold.apply(state, new TimeDealSoldOutEvent(7), 3, at(3)).state();
        assertThat(state).extracting(TimeDealLiveState::availableQuantity, TimeDealLiveState::reservedQuantity,
                TimeDealLiveState::status).containsExactly(0, 3, TimeDealStatus.SOLDOUT);

        LiveStateFold.Step rejected = LiveStateFold.apply(state, new StockReservationRejectedEvent(7, "c", 1, 0, null), 4,
                at(4));
        assertThat(rejected.changed()).isFalse();
        assertThat(rejected.state().sequence()).isEqualTo(4);
        assertThat(rejected.state().changedAt()).as("the timestamp of the last event folded in").isEqualTo(at(4));
        state = rejected.state();

        state = LiveStateFold.apply(state, new ReservedStockSoldEvent(7, "a", 2), 5, at(5)).state();
        state = LiveStateFold.apply(state, new StockReleasedEvent(7, "b", 1), 6, at(6)).state();
        state = LiveStateFold.apply(state, new TimeDealReactivatedEvent(7), 7, at(7)).state();
        assertThat(state).extracting(TimeDealLiveState::availableQuantity, TimeDealLiveState::reservedQuantity,
                TimeDealLiveState::soldQuantity, TimeDealLiveState::status, TimeDealLiveState::sequence)
                .containsExactly(1, 0, 2, TimeDealStatus.ACTIVE, 7L);
        assertThat(state.changedAt()).isEqualTo(at(7));
        assertThat(state.over()).isFalse();
        assertThat(LiveStateFold.apply(state, new TimeDealEndedEvent(7), 8, at(8)).state().over()).isTrue();
    }

    /** The timestamp of the event at this sequence. */
    private static Instant at(long sequence) {
        return Instant.parse("2026-01-01T00:00:00Z").plusMillis(100 * sequence + 7);
    }
}
