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

        assertWritten(held.together(), 0, 2, 4, 8);
    }

    @Test
    void oneChangeIsItsOwnEventsStatement() {
        assertWritten(HeldStock.of(7, change(3, 2, 0)).together(), 2, 0, 3, 3);
    }

    @Test
    void writtenTogetherTheDealIsPushedOnceForTheNewestChange() {
        held.add(change(4, 2, 0));
        held.add(change(5, 1, 0));

        held.writtenTogether();

        assertThat(pushed).containsExactly("after 5");
    }

    private static void assertWritten(MapSqlParameterSource written, int reserved, int sold, long first, long last) {
        assertThat(written.getValue("timeDealId")).isEqualTo(7L);
        assertThat(written.getValue("reserved")).isEqualTo(reserved);
        assertThat(written.getValue("sold")).isEqualTo(sold);
        assertThat(written.getValue("first")).isEqualTo(first);
        assertThat(written.getValue("last")).isEqualTo(last);
    }

    private StockChange change(long sequence, int reserved, int sold) {
        return new StockChange(sequence, reserved, sold, () -> pushed.add("after " + sequence));
    }
}
