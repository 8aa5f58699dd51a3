package com.bbossiregi.timedeal.projections.orderhistory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/** Drives the projection through Axon's own handler invocation, so parameter resolution is covered as well. */
class OrderHistoryProjectionTest {

    private static final String ORDER = "5f0c7f4e-3d1b-4c55-9a59-0d3c4c1f2a10";
    private static final Instant PLACED = Instant.parse("2026-02-27T14:05:00Z");

    private final OrderHistoryRepository repository = mock(OrderHistoryRepository.class);
    private final AnnotationEventHandlerAdapter projection =
            new AnnotationEventHandlerAdapter(new OrderHistoryProjection(repository));

    @Test
    void everyChangeCarriesTheEventsOwnTimeAndSequence() throws Exception {
        OrderPlacedEvent placed = new OrderPlacedEvent(ORDER, 2, 1, 2, 29900, 59800);
        handle(0, placed, PLACED);
        handle(1, new OrderReservedEvent(ORDER, 1, 2), PLACED.plusSeconds(1));
        handle(2, new OrderStockReleasedEvent(ORDER, 1, 2), PLACED.plusSeconds(60));
        handle(3, new OrderCanceledEvent(ORDER, 1, CancellationReason.USER_REQUESTED), PLACED.plusSeconds(60));

        verify(repository).addOrder(placed, 0, PLACED);
        verify(repository).markReserved(ORDER, 1, PLACED.plusSeconds(1));
        verify(repository).touch(ORDER, 2, PLACED.plusSeconds(60));
        verify(repository).markCanceled(ORDER, 3, PLACED.plusSeconds(60));
    }

    @Test
    void recordsFailures() throws Exception {
        handle(1, new OrderFailedEvent(ORDER, 1, ReservationRejection.INSUFFICIENT_STOCK, 2, 1, null, null), PLACED);
        verify(repository).markFailed(ORDER, 1, PLACED);
    }

    @Test
    void aResetEmptiesTheReadModel() {
        assertThat(projection.supportsReset()).isTrue();
        projection.prepareReset();
        verify(repository).deleteAll();
    }

    private void handle(long sequence, Object payload, Instant timestamp) throws Exception {
        projection.handle(new GenericDomainEventMessage<>("Order", ORDER, sequence, payload, Map.of(),
                UUID.randomUUID().toString(), timestamp));
    }
}
