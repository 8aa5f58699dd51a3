package com.bbossiregi.timedeal.query.audit.stock;

import static com.bbossiregi.timedeal.query.audit.stock.StockPositionTest.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.bbossiregi.timedeal.api.audit.StockAuditReport;
import com.bbossiregi.timedeal.api.audit.StockCounts;
import com.bbossiregi.timedeal.api.audit.StockDiscrepancyKind;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.product.ProductDetail;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import com.bbossiregi.timedeal.api.timedeal.StockReservationRejectedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealDetail;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import com.bbossiregi.timedeal.projections.deallisting.DealListingRepository;
import com.bbossiregi.timedeal.projections.orderhistory.OrderHistoryRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StockAuditorTest {

    private static final long DEAL = 7;
    private static final String STREAM = "timedeal-7";
    private static final Instant START = Instant.parse("2026-02-27T14:00:00Z");

    private final EventStore eventStore = mock(EventStore.class);
    private final DealListingRepository deals = mock(DealListingRepository.class);
    private final OrderHistoryRepository orders = mock(OrderHistoryRepository.class);
    private final StockAuditor auditor = new StockAuditor(eventStore, deals, orders);
    private final Map<String, List<Object>> streams = new HashMap<>();

    @BeforeEach
    void serveStreamsFromTheFirstEventOnly() {
        // Only readEvents(id, 0) is answered: a read that could start from a snapshot finds nothing.
        when(eventStore.readEvents(anyString(), anyLong())).thenAnswer(call -> {
            String streamId = call.getArgument(0);
            long from = call.getArgument(1);
            List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
            List<Object> payloads = from == 0 ? streams.getOrDefault(streamId, List.of()) : List.of();
            for (int i = 0; i < payloads.size(); i++) {
                messages.add(new GenericDomainEventMessage<>("Aggregate", streamId, i, payloads.get(i)));
            }
            return DomainEventStream.of(messages);
        });
        when(orders.findAllByTimeDeal(DEAL)).thenReturn(List.of());
        when(deals.findDetail(DEAL)).thenReturn(Optional.empty());
    }

    @Test
    void aDealTheEventStoreDoesNotKnowIsNotFound() {
        assertThatThrownBy(() -> auditor.audit(DEAL))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        verify(deals, never()).findDetail(anyLong());
    }

    @Test
    void theOrdersAreThoseTheDealNamesAndThoseTheOrderHistoryListsEachReadFromItsOwnStream() {
        streams.put(STREAM, List.of(created(),
                new StockReservedEvent(DEAL, "reserved", 2, 1L),
                new StockReservationRejectedEvent(DEAL, "refused", 9, 3, ReservationRejection.INSUFFICIENT_STOCK)));
        streams.put("reserved", List.of(new OrderPlacedEvent("reserved", 1, DEAL, 2, 100, 200),
                new OrderReservedEvent("reserved", DEAL, 2)));
        streams.put("refused", List.of(new OrderPlacedEvent("refused", 1, DEAL, 9, 100, 900),
                new OrderFailedEvent("refused", DEAL, ReservationRejection.INSUFFICIENT_STOCK, 9, 3, null, null)));
        // The deal never heard of this one, yet its own stream says it holds stock.
        streams.put("unseen", List.of(new OrderPlacedEvent("unseen", 1, DEAL, 1, 100, 100),
                new OrderReservedEvent("unseen", DEAL, 1)));
        when(orders.findAllByTimeDeal(DEAL)).thenReturn(List.of(
                row("reserved", OrderStatus.RESERVED, 2),
                row("refused", OrderStatus.FAILED, 9),
                row("unseen", OrderStatus.RESERVED, 1)));
        when(deals.findDetail(DEAL)).thenReturn(Optional.of(detail(2, 0)));

        StockAuditReport report = auditor.audit(DEAL);

        assertThat(report.dealEvents()).isEqualTo(new StockCounts(2, 0));
        assertThat(report.orderEvents()).isEqualTo(new StockCounts(3, 0));
        assertThat(report.readModel()).isEqualTo(new StockCounts(2, 0));
        assertThat(report.discrepancies()).singleElement().satisfies(discrepancy -> {
            assertThat(discrepancy.kind()).isEqualTo(StockDiscrepancyKind.ORDER_EVENTS_DISAGREE_WITH_DEAL_EVENTS);
            assertThat(discrepancy.orderIds()).containsExactly("unseen");
        });
    }

    @Test
    void aDealWithoutReadModelRowIsAuditedFromItsEvents() {
        streams.put(STREAM, List.of(created()));

        StockAuditReport report = auditor.audit(DEAL);

        assertThat(report.dealEvents()).isEqualTo(StockCounts.NONE);
        assertThat(report.readModel()).isNull();
        assertThat(report.discrepancies()).extracting(d -> d.kind())
                .containsExactly(StockDiscrepancyKind.READ_MODEL_COUNTERS_DISAGREE_WITH_DEAL_EVENTS);
    }

    private static TimeDealCreatedEvent created() {
        return new TimeDealCreatedEvent(DEAL, 1, 45000, 29900, 34, 5, START, START.plusSeconds(3600),
                TimeDealStatus.ACTIVE, null);
    }

    private static TimeDealDetail detail(int reserved, int sold) {
        return new TimeDealDetail(DEAL, new ProductDetail(1, "food", null, 45000, null, null, null, null), 45000, 29900,
                34, 5, reserved, sold, 5 - reserved - sold, START, START.plusSeconds(3600), TimeDealStatus.ACTIVE, 0, null);
    }
}
