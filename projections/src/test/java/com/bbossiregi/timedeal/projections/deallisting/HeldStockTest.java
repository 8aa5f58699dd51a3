package com.bbossiregi.timedeal.projections.deallisting;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.projections.deallisting.DealListingRepository.HeldStock;
import com.bbossiregi.timedeal.projections.deallisting.DealListingRepository.StockChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A deal's stock changes held back in a batch go to the database as one statement: the sums of what each event's own
 * statement would add, applied only when the row holds none of them, the row then past the newest.
 */
class HeldStockTest {

    private final List<String> pushed = new ArrayList<>();
    private final HeldStock held = new HeldStock(7);

    @Test
    void reservationsSalesAndReleasesAddUp() {
        held.add(change(4, 2, 0));
        held.add(change(5, 1, 0));
        held.add(change(6, -2, 2));
        held.add(change(8, -1, 0));

        MapSqlParameterSource together = held.together();
        assertThat(together.getValue("timeDealId")).isEqualTo(7L);
        assertThat(together.getValue("reserved")).isEqualTo(0);
        assertThat(together.getValue("sold")).isEqualTo(2);
        assertThat(together.getValue("first")).isEqualTo(4L);
        assertThat(together.getValue("last")).isEqualTo(8L);
    }

    @Test
    void oneChangeIsItsOwnEventsStatement() {
        MapSqlParameterSource alone = HeldStock.of(7, change(3, 2, 0)).together();
        assertThat(alone.getValue("reserved")).isEqualTo(2);
        assertThat(alone.getValue("sold")).isEqualTo(0);
        assertThat(alone.getValue("first")).isEqualTo(3L);
        assertThat(alone.getValue("last")).isEqualTo(3L);
    }

    @Test
    void writtenTogetherTheDealIsPushedOnceForTheNewestChange() {
        held.add(change(4, 2, 0));
        held.add(change(5, 1, 0));

        held.writtenTogether();

        assertThat(pushed).containsExactly("after 5");
    }

    private StockChange change(long sequence, int reserved, int sold) {
        return new StockChange(sequence, reserved, sold, () -> pushed.add("after " + sequence));
    }
}
