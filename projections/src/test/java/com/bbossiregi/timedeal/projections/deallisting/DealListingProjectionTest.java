package com.bbossiregi.timedeal.projections.deallisting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.bbossiregi.timedeal.api.product.ProductCategory;
import com.bbossiregi.timedeal.api.product.ProductCreatedEvent;
import com.bbossiregi.timedeal.api.product.ProductDetail;
import com.bbossiregi.timedeal.api.product.ProductStatus;
import com.bbossiregi.timedeal.api.timedeal.FindTimeDealQuery;
import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealDetail;
import com.bbossiregi.timedeal.api.timedeal.TimeDealEndedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealReactivatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealSoldOutEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStartedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Drives the projection through Axon's own handler invocation, so parameter resolution is covered as well. */
class DealListingProjectionTest {

    private static final long DEAL = 7;
    private static final Instant START = Instant.parse("2026-02-27T14:00:00Z");
    private static final Instant END = Instant.parse("2026-02-27T15:00:00Z");

    private final DealListingRepository repository = mock(DealListingRepository.class);
    private final QueryUpdateEmitter emitter = mock(QueryUpdateEmitter.class);
    private final AnnotationEventHandlerAdapter projection =
            new AnnotationEventHandlerAdapter(new DealListingProjection(repository, emitter));

    @Test
    void recordsProducts() throws Exception {
        ProductCreatedEvent product = new ProductCreatedEvent(3, "dog chew toy", null, 25000, null, null,
                ProductCategory.TOY, ProductStatus.ACTIVE);
        projection.handle(new GenericDomainEventMessage<>("Product", "3", 0, product));
        verify(repository).addProduct(product);
    }

    @Test
    void passesEachDealEventWithItsSequenceNumber() throws Exception {
        TimeDealCreatedEvent created = new TimeDealCreatedEvent(DEAL, 3, 25000, 15900, 36, 200, START, END,
                TimeDealStatus.SCHEDULED, null);
        projection.handle(dealEvent(0, created));
        projection.handle(dealEvent(1, new TimeDealStartedEvent(DEAL)));
        projection.handle(dealEvent(2, new StockReservedEvent(DEAL, "order-1", 2, 1L)));
        projection.handle(dealEvent(3, new TimeDealSoldOutEvent(DEAL)));
        projection.handle(dealEvent(4, new StockReleasedEvent(DEAL, "order-1", 2)));
        projection.handle(dealEvent(5, new TimeDealReactivatedEvent(DEAL)));
        projection.handle(dealEvent(6, new TimeDealEndedEvent(DEAL)));

        verify(repository).addDeal(created, 0);
        verify(repository).changeStatus(DEAL, TimeDealStatus.ACTIVE, 1);
        verify(repository).changeReserved(eq(DEAL), eq(2), eq(2L), any(Runnable.class));
        verify(repository).changeStatus(DEAL, TimeDealStatus.SOLDOUT, 3);
        verify(repository).changeReserved(eq(DEAL), eq(-2), eq(4L), any(Runnable.class));
        verify(repository).changeStatus(DEAL, TimeDealStatus.ACTIVE, 5);
        verify(repository).changeStatus(DEAL, TimeDealStatus.ENDED, 6);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pushesTheChangedDealToThatDealsSubscribersOnly() throws Exception {
        TimeDealDetail detail = detail();
        stockChangesApply();
        when(repository.findDetail(DEAL)).thenReturn(Optional.of(detail));
        subscribedTo(DEAL);

        projection.handle(dealEvent(2, new StockReservedEvent(DEAL, "order-1", 2, 1L)));

        ArgumentCaptor<Predicate<FindTimeDealQuery>> filter = ArgumentCaptor.forClass(Predicate.class);
        verify(emitter).emit(eq(FindTimeDealQuery.class), filter.capture(), eq(detail));
        assertThat(filter.getValue().test(new FindTimeDealQuery(DEAL))).isTrue();
        assertThat(filter.getValue().test(new FindTimeDealQuery(DEAL + 1))).isFalse();
    }

    @Test
    void aDealNobodyWatchesIsNotReadBack() throws Exception {
        stockChangesApply();
        subscribedTo(DEAL + 1);

        projection.handle(dealEvent(2, new StockReservedEvent(DEAL, "order-1", 2, 1L)));

        verify(repository, never()).findDetail(anyLong());
        verify(emitter, never()).emit(eq(FindTimeDealQuery.class), any(Predicate.class), any());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSaleIsPushedOnceTheRepositoryHasWrittenIt() throws Exception {
        TimeDealDetail detail = detail();
        when(repository.findDetail(DEAL)).thenReturn(Optional.of(detail));
        subscribedTo(DEAL);
        ArgumentCaptor<Runnable> applied = ArgumentCaptor.forClass(Runnable.class);

        projection.handle(dealEvent(3, new ReservedStockSoldEvent(DEAL, "order-1", 2)));

        verify(repository).sellReserved(eq(DEAL), eq(2), eq(3L), applied.capture());
        verifyNoInteractions(emitter);
        applied.getValue().run();
        verify(emitter).emit(eq(FindTimeDealQuery.class), any(Predicate.class), eq(detail));
    }

    /** The repository writes each stock change at once and runs its follow-up. */
    private void stockChangesApply() {
        doAnswer(call -> {
            call.getArgument(3, Runnable.class).run();
            return null;
        }).when(repository).changeReserved(anyLong(), anyInt(), anyLong(), any(Runnable.class));
    }

    private void subscribedTo(long timeDealId) {
        when(emitter.activeSubscriptions()).thenReturn(Set.of(new GenericSubscriptionQueryMessage<>(
                new FindTimeDealQuery(timeDealId), ResponseTypes.instanceOf(TimeDealDetail.class),
                ResponseTypes.instanceOf(TimeDealDetail.class))));
    }

    @Test
    void aRedeliveredEventThatChangedNothingPushesNothing() throws Exception {
        // The repository runs a change's follow-up only once the change is in the read model: here it never is.
        subscribedTo(DEAL);

        projection.handle(dealEvent(2, new StockReservedEvent(DEAL, "order-1", 2, 1L)));

        verify(repository, never()).findDetail(anyLong());
        verifyNoInteractions(emitter);
    }

    @Test
    void aReplayRebuildsWithoutPushing() throws Exception {
        when(repository.changeStatus(DEAL, TimeDealStatus.ENDED, 6)).thenReturn(true);
        var replayToken = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(100),
                new GlobalSequenceTrackingToken(10));
        var replayed = new GenericTrackedDomainEventMessage<>(replayToken,
                new GenericDomainEventMessage<>("TimeDeal", Long.toString(DEAL), 6, new TimeDealEndedEvent(DEAL)));

        projection.handle(replayed);

        verify(repository).changeStatus(DEAL, TimeDealStatus.ENDED, 6);
        verify(emitter, never()).emit(eq(FindTimeDealQuery.class), any(Predicate.class), any());
    }

    @Test
    void aResetEmptiesTheReadModel() {
        assertThat(projection.supportsReset()).isTrue();
        projection.prepareReset();
        verify(repository).deleteAll();
    }

    private static EventMessage<?> dealEvent(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("TimeDeal", Long.toString(DEAL), sequence, payload);
    }

    private static TimeDealDetail detail() {
        return new TimeDealDetail(DEAL,
                new ProductDetail(3, "dog chew toy", null, 25000, null, null, ProductCategory.TOY, ProductStatus.ACTIVE),
                25000, 15900, 36, 200, 2, 0, 198, START, END, TimeDealStatus.ACTIVE, 1200, null);
    }
}
