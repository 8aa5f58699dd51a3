package com.bbossiregi.timedeal.query.audit.stock;

import static com.bbossiregi.timedeal.query.audit.stock.StockPositionTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.audit.StockAuditReport;
import com.bbossiregi.timedeal.api.audit.StockCounts;
import com.bbossiregi.timedeal.api.audit.StockDiscrepancy;
import com.bbossiregi.timedeal.api.audit.StockDiscrepancyKind;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservationRejectedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StockComparisonTest {

    private static final long DEAL = 7;

    /** held: 2 held; sold: 1 sold; released: reserved then given back; refused: turned down by the deal. */
    private static final DealStockLedger DEAL_EVENTS = DealStockLedger.fold(List.of(
            new StockReservedEvent(DEAL, "held", 2, 1L),
            new StockReservedEvent(DEAL, "sold", 1, 1L),
            new StockReservedEvent(DEAL, "released", 3, 1L),
            new StockReservationRejectedEvent(DEAL, "refused", 10, 4, ReservationRejection.INSUFFICIENT_STOCK),
            new ReservedStockSoldEvent(DEAL, "sold", 1),
            new StockReleasedEvent(DEAL, "released", 3)));
    private static final StockCounts COUNTERS = new StockCounts(2, 1);

    private final Map<String, StockPosition> orderEvents = new HashMap<>(Map.of(
            "held", StockPosition.held(2),
            "sold", StockPosition.sold(1),
            "released", StockPosition.NOTHING,
            "refused", StockPosition.NOTHING));
    private final Map<String, OrderView> orderRows = new HashMap<>(Map.of(
            "held", row("held", OrderStatus.RESERVED, 2),
            "sold", row("sold", OrderStatus.CONFIRMED, 1),
            "released", row("released", OrderStatus.CANCELED, 3),
            "refused", row("refused", OrderStatus.FAILED, 10)));

    @Test
    void agreeingAccountsAreConsistent() {
        StockAuditReport report = compare(COUNTERS);

        assertThat(report.consistent()).isTrue();
        assertThat(report.discrepancies()).isEmpty();
        assertThat(report.timeDealId()).isEqualTo(DEAL);
        assertThat(report.dealEvents()).isEqualTo(COUNTERS);
        assertThat(report.orderEvents()).isEqualTo(COUNTERS);
        assertThat(report.readModel()).isEqualTo(COUNTERS);
    }

    @Test
    void anOrderThatNeverReachedTheDealIsConsistentWhenItHoldsNothing() {
        orderEvents.put("pending", StockPosition.NOTHING);
        orderRows.put("pending", row("pending", OrderStatus.PENDING, 1));

        assertThat(compare(COUNTERS).consistent()).isTrue();
    }

    @Test
    void stockTheDealHoldsForAnOrderThatHoldsNothingNamesTheOrder() {
        orderEvents.put("held", StockPosition.NOTHING);
        orderRows.put("held", row("held", OrderStatus.CANCELED, 2));

        StockAuditReport report = compare(COUNTERS);

        assertThat(report.consistent()).isFalse();
        assertThat(report.orderEvents()).isEqualTo(new StockCounts(0, 1));
        StockDiscrepancy discrepancy = only(report, StockDiscrepancyKind.ORDER_EVENTS_DISAGREE_WITH_DEAL_EVENTS);
        assertThat(discrepancy.orderIds()).containsExactly("held");
        assertThat(discrepancy.expected()).isEqualTo(COUNTERS);
        assertThat(discrepancy.actual()).isEqualTo(new StockCounts(0, 1));
        assertThat(discrepancy.description()).contains("held: held 2 vs nothing");
    }

    @Test
    void ordersWhoseDifferencesCancelOutInTheTotalsAreStillNamed() {
        orderEvents.put("held", StockPosition.NOTHING);
        orderEvents.put("released", StockPosition.held(2));
        orderRows.put("held", row("held", OrderStatus.CANCELED, 2));
        orderRows.put("released", row("released", OrderStatus.RESERVED, 2));

        StockAuditReport report = compare(COUNTERS);

        assertThat(report.orderEvents()).isEqualTo(report.dealEvents());
        assertThat(only(report, StockDiscrepancyKind.ORDER_EVENTS_DISAGREE_WITH_DEAL_EVENTS).orderIds())
                .containsExactly("held", "released");
    }

    @Test
    void anOrderTheDealNeverMentionedThatClaimsStockIsNamed() {
        orderEvents.put("ghost", StockPosition.held(1));
        orderRows.put("ghost", row("ghost", OrderStatus.RESERVED, 1));

        StockDiscrepancy discrepancy = only(compare(COUNTERS),
                StockDiscrepancyKind.ORDER_EVENTS_DISAGREE_WITH_DEAL_EVENTS);

        assertThat(discrepancy.orderIds()).containsExactly("ghost");
        assertThat(discrepancy.actual()).isEqualTo(new StockCounts(3, 1));
    }

    @Test
    void countersThatDriftedFromTheDealsOwnOrderRecordDisagreeWithoutNamingAnOrder() {
        DealStockLedger drifted = DealStockLedger.fold(List.of(
                new StockReservedEvent(DEAL, "held", 2, 1L),
                new StockReleasedEvent(DEAL, "stranger", 1)));
        Map<String, StockPosition> events = Map.of("held", StockPosition.held(2), "stranger", StockPosition.NOTHING);
        Map<String, OrderView> rows = Map.of("held", row("held", OrderStatus.RESERVED, 2));

        StockAuditReport report = StockComparison.compare(DEAL, drifted, events, new StockCounts(1, 0), rows);

        StockDiscrepancy discrepancy = only(report, StockDiscrepancyKind.ORDER_EVENTS_DISAGREE_WITH_DEAL_EVENTS);
        assertThat(discrepancy.orderIds()).isEmpty();
        assertThat(discrepancy.expected()).isEqualTo(new StockCounts(1, 0));
        assertThat(discrepancy.actual()).isEqualTo(new StockCounts(2, 0));
    }

    @Test
    void readModelCountersThatDifferFromTheDealsEventsAreReported() {
        StockAuditReport report = compare(new StockCounts(3, 1));

        assertThat(report.consistent()).isFalse();
        assertThat(report.readModel()).isEqualTo(new StockCounts(3, 1));
        StockDiscrepancy discrepancy = only(report, StockDiscrepancyKind.READ_MODEL_COUNTERS_DISAGREE_WITH_DEAL_EVENTS);
        assertThat(discrepancy.expected()).isEqualTo(COUNTERS);
        assertThat(discrepancy.actual()).isEqualTo(new StockCounts(3, 1));
        assertThat(discrepancy.orderIds()).isEmpty();
    }

    @Test
    void aDealMissingFromTheReadModelIsReported() {
        StockAuditReport report = compare(null);

        assertThat(report.readModel()).isNull();
        StockDiscrepancy discrepancy = only(report, StockDiscrepancyKind.READ_MODEL_COUNTERS_DISAGREE_WITH_DEAL_EVENTS);
        assertThat(discrepancy.actual()).isNull();
        assertThat(discrepancy.description()).contains("no row");
    }

    @Test
    void anOrderRowThatDisagreesWithItsEventsIsNamed() {
        orderRows.put("held", row("held", OrderStatus.CANCELED, 2));

        StockAuditReport report = compare(COUNTERS);

        assertThat(report.consistent()).isFalse();
        StockDiscrepancy discrepancy = only(report, StockDiscrepancyKind.READ_MODEL_ORDERS_DISAGREE_WITH_ORDER_EVENTS);
        assertThat(discrepancy.orderIds()).containsExactly("held");
        assertThat(discrepancy.expected()).isEqualTo(COUNTERS);
        assertThat(discrepancy.actual()).isEqualTo(new StockCounts(0, 1));
        assertThat(discrepancy.description()).contains("held: held 2 vs canceled 2");
    }

    @Test
    void aMissingRowOfAnOrderThatHoldsStockIsNamed() {
        orderRows.remove("held");

        StockDiscrepancy discrepancy = only(compare(COUNTERS),
                StockDiscrepancyKind.READ_MODEL_ORDERS_DISAGREE_WITH_ORDER_EVENTS);

        assertThat(discrepancy.orderIds()).containsExactly("held");
        assertThat(discrepancy.description()).contains("vs no row");
    }

    @Test
    void aRowWithAnotherQuantityDisagrees() {
        orderRows.put("held", row("held", OrderStatus.RESERVED, 3));

        assertThat(only(compare(COUNTERS), StockDiscrepancyKind.READ_MODEL_ORDERS_DISAGREE_WITH_ORDER_EVENTS)
                .orderIds()).containsExactly("held");
    }

    @Test
    void aRowThatHoldsNothingLikeItsEventsAgreesWhateverItsFinalStatus() {
        orderRows.put("released", row("released", OrderStatus.FAILED, 3));

        assertThat(compare(COUNTERS).consistent()).isTrue();
    }

    @Test
    void manyDisagreeingOrdersAreAllNamedButOnlyTheFirstAreDescribed() {
        List<String> ghosts = new ArrayList<>();
        for (int i = 0; i < StockComparison.ORDERS_DESCRIBED + 3; i++) {
            String ghost = "ghost-" + (char) ('a' + i);
            ghosts.add(ghost);
            orderEvents.put(ghost, StockPosition.held(1));
            orderRows.put(ghost, row(ghost, OrderStatus.RESERVED, 1));
        }

        StockDiscrepancy discrepancy = only(compare(COUNTERS),
                StockDiscrepancyKind.ORDER_EVENTS_DISAGREE_WITH_DEAL_EVENTS);

        assertThat(discrepancy.orderIds()).containsExactlyElementsOf(ghosts);
        assertThat(discrepancy.description()).contains("ghost-a").doesNotContain("ghost-m").endsWith("and 3 more");
    }

    private StockAuditReport compare(StockCounts readModelCounters) {
        return StockComparison.compare(DEAL, DEAL_EVENTS, orderEvents, readModelCounters, orderRows);
    }

    private static StockDiscrepancy only(StockAuditReport report, StockDiscrepancyKind kind) {
        assertThat(report.consistent()).isFalse();
        assertThat(report.discrepancies()).extracting(StockDiscrepancy::kind).containsExactly(kind);
        return report.discrepancies().get(0);
    }
}
