package com.bbossiregi.timedeal.projections.orderhistory;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * An order placed in the batch being handled is kept in memory until the batch commits: its later events must leave
 * the row the statements of {@link OrderHistoryRepository} would have left, one event at a time.
 */
class PlacedRowTest {

    private static final Instant PLACED = Instant.parse("2026-12-05T03:00:00Z");
    private final OrderHistoryRepository.PlacedRow row = new OrderHistoryRepository.PlacedRow(
            new OrderPlacedEvent("order-1", 7, 3, 2, 5000, 10000), 0, PLACED);

    @Test
    void aPlacedOrderIsPendingAsOfItsPlacement() {
        MapSqlParameterSource written = row.parameters();
        assertThat(written.getValue("status")).isEqualTo("PENDING");
        assertThat(written.getValue("placedAt")).isEqualTo(at(PLACED));
        assertThat(written.getValue("updatedAt")).isEqualTo(at(PLACED));
        assertThat(written.getValue("reservedAt")).isNull();
        assertThat(written.getValue("sequence")).isEqualTo(0L);
        assertThat(written.getValue("totalPrice")).isEqualTo(10000L);
    }

    @Test
    void eachLaterEventSetsWhatItsOwnStatementSets() {
        row.change(OrderStatus.RESERVED, 1, PLACED.plusMillis(1));
        row.change(null, 2, PLACED.plusSeconds(30));
        row.change(OrderStatus.CANCELED, 3, PLACED.plusSeconds(30));

        MapSqlParameterSource written = row.parameters();
        assertThat(written.getValue("status")).isEqualTo("CANCELED");
        assertThat(written.getValue("placedAt")).isEqualTo(at(PLACED));
        assertThat(written.getValue("reservedAt")).isEqualTo(at(PLACED.plusMillis(1)));
        assertThat(written.getValue("canceledAt")).isEqualTo(at(PLACED.plusSeconds(30)));
        assertThat(written.getValue("confirmedAt")).isNull();
        assertThat(written.getValue("updatedAt")).isEqualTo(at(PLACED.plusSeconds(30)));
        assertThat(written.getValue("sequence")).isEqualTo(3L);
    }

    @Test
    void aFailedOrderKeepsNoReservationTime() {
        row.change(OrderStatus.FAILED, 1, PLACED.plusMillis(2));

        MapSqlParameterSource written = row.parameters();
        assertThat(written.getValue("status")).isEqualTo("FAILED");
        assertThat(written.getValue("reservedAt")).isNull();
        assertThat(written.getValue("updatedAt")).isEqualTo(at(PLACED.plusMillis(2)));
    }

    @Test
    void anEventDeliveredAgainChangesNothing() {
        row.change(OrderStatus.RESERVED, 1, PLACED.plusMillis(1));
        row.change(OrderStatus.CONFIRMED, 2, PLACED.plusSeconds(5));
        row.change(OrderStatus.RESERVED, 1, PLACED.plusSeconds(9));

        MapSqlParameterSource written = row.parameters();
        assertThat(written.getValue("status")).isEqualTo("CONFIRMED");
        assertThat(written.getValue("reservedAt")).isEqualTo(at(PLACED.plusMillis(1)));
        assertThat(written.getValue("confirmedAt")).isEqualTo(at(PLACED.plusSeconds(5)));
        assertThat(written.getValue("sequence")).isEqualTo(2L);
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
