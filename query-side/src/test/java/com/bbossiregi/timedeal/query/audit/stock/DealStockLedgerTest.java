package com.bbossiregi.timedeal.query.audit.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.audit.StockCounts;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservationRejectedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealSoldOutEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DealStockLedgerTest {

    private static final long DEAL = 7;
    private static final TimeDealCreatedEvent CREATED = new TimeDealCreatedEvent(DEAL, 1, 45000, 29900, 34, 5,
            Instant.parse("2026-02-27T14:00:00Z"), Instant.parse("2026-02-27T15:00:00Z"), TimeDealStatus.ACTIVE, null);

    @Test
    void aDealWithoutOrdersHasNothingReservedOrSold() {
        DealStockLedger ledger = DealStockLedger.fold(List.of(CREATED));

        assertThat(ledger.counters()).isEqualTo(StockCounts.NONE);
        assertThat(ledger.orderIds()).isEmpty();
        assertThat(ledger.positionOf("anyone")).isEqualTo(StockPosition.NOTHING);
    }

    @Test
    void reservationsReleasesAndSalesMoveTheCountersAndEachOrdersPosition() {
        DealStockLedger ledger = DealStockLedger.fold(List.of(CREATED,
                new StockReservedEvent(DEAL, "held", 2, 1L),
                new StockReservedEvent(DEAL, "released", 1, 1L),
                new StockReservedEvent(DEAL, "sold", 2, 1L),
                new TimeDealSoldOutEvent(DEAL),
                new StockReleasedEvent(DEAL, "released", 1),
                new ReservedStockSoldEvent(DEAL, "sold", 2)));

        assertThat(ledger.counters()).isEqualTo(new StockCounts(2, 2));
        assertThat(ledger.positionOf("held")).isEqualTo(StockPosition.held(2));
        assertThat(ledger.positionOf("released")).isEqualTo(StockPosition.NOTHING);
        assertThat(ledger.positionOf("sold")).isEqualTo(StockPosition.sold(2));
    }

    @Test
    void everyOrderTheStreamNamesIsAnOrderOfTheDealIncludingRefusedOnesInOrderOfFirstMention() {
        DealStockLedger ledger = DealStockLedger.fold(List.of(CREATED,
                new StockReservedEvent(DEAL, "b", 1, 1L),
                new StockReservationRejectedEvent(DEAL, "a", 9, 4, ReservationRejection.INSUFFICIENT_STOCK),
                new StockReleasedEvent(DEAL, "b", 1)));

        assertThat(ledger.orderIds()).containsExactly("b", "a");
        assertThat(ledger.positionOf("a")).isEqualTo(StockPosition.NOTHING);
    }

    @Test
    void theCountersAreFoldedFromTheEventsNotSummedFromTheOrders() {
        // A release for an order the stream never reserved for: the counters follow the events as they are.
        DealStockLedger ledger = DealStockLedger.fold(List.of(CREATED,
                new StockReservedEvent(DEAL, "a", 2, 1L),
                new StockReleasedEvent(DEAL, "stranger", 1)));

        assertThat(ledger.counters()).isEqualTo(new StockCounts(1, 0));
        assertThat(StockPosition.total(ledger.positionByOrder().values())).isEqualTo(new StockCounts(2, 0));
    }
}
