package com.bbossiregi.timedeal.projections.deallisting;

import com.bbossiregi.timedeal.api.product.ProductChangedEvent;
import com.bbossiregi.timedeal.api.product.ProductCreatedEvent;
import com.bbossiregi.timedeal.api.product.ProductStatusChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.FindTimeDealQuery;
import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCanceledEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealEndedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealReactivatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealSoldOutEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStartedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * Builds the deal listing from product and deal events and pushes each changed deal to the subscribers of that
 * deal only. The deal's sequence number makes every update apply once, however often an event is delivered. Stock
 * changes may reach the database as the batch commits (the repository says when), so they push from there.
 */
@Component
@ProcessingGroup(DealListingProjection.PROCESSING_GROUP)
public class DealListingProjection {

    public static final String PROCESSING_GROUP = "deal-listing";

    private final DealListingRepository deals;
    private final QueryUpdateEmitter queryUpdateEmitter;

    public DealListingProjection(DealListingRepository deals, QueryUpdateEmitter queryUpdateEmitter) {
        this.deals = deals;
        this.queryUpdateEmitter = queryUpdateEmitter;
    }

    @EventHandler
    public void on(ProductCreatedEvent event) {
        deals.addProduct(event);
    }

    @EventHandler
    public void on(ProductChangedEvent event) {
        deals.changeProduct(event);
    }

    @EventHandler
    public void on(ProductStatusChangedEvent event) {
        deals.changeProductStatus(event.productId(), event.status());
    }

    @EventHandler
    public void on(TimeDealChangedEvent event, @SequenceNumber Long sequence, ReplayStatus replay) {
        if (deals.changeTerms(event, sequence)) {
            publish(event.timeDealId(), replay);
        }
    }

    @EventHandler
    public void on(TimeDealCreatedEvent event, @SequenceNumber Long sequence, ReplayStatus replay) {
        if (deals.addDeal(event, sequence)) {
            publish(event.timeDealId(), replay);
        }
    }

    @EventHandler
    public void on(StockReservedEvent event, @SequenceNumber Long sequence, ReplayStatus replay) {
        deals.changeReserved(event.timeDealId(), event.quantity(), sequence, () -> publish(event.timeDealId(), replay));
    }

    @EventHandler
    public void on(StockReleasedEvent event, @SequenceNumber Long sequence, ReplayStatus replay) {
        long timeDealId = event.timeDealId();
        deals.changeReserved(timeDealId, -event.quantity(), sequence, () -> publish(timeDealId, replay));
    }

    @EventHandler
    public void on(ReservedStockSoldEvent event, @SequenceNumber Long sequence, ReplayStatus replay) {
        deals.sellReserved(event.timeDealId(), event.quantity(), sequence, () -> publish(event.timeDealId(), replay));
    }

    @EventHandler
    public void on(TimeDealCanceledEvent event, @SequenceNumber Long sequence, ReplayStatus replay) {
        changeStatus(event.timeDealId(), TimeDealStatus.CANCELED, sequence, replay);
    }

    @EventHandler
    public void on(TimeDealSoldOutEvent event, @SequenceNumber Long sequence, ReplayStatus replay) {
        changeStatus(event.timeDealId(), TimeDealStatus.SOLDOUT, sequence, replay);
    }

    @EventHandler
    public void on(TimeDealReactivatedEvent event, @SequenceNumber Long sequence, ReplayStatus replay) {
        changeStatus(event.timeDealId(), TimeDealStatus.ACTIVE, sequence, replay);
    }

    @EventHandler
    public void on(TimeDealStartedEvent event, @SequenceNumber Long sequence, ReplayStatus replay) {
        changeStatus(event.timeDealId(), TimeDealStatus.ACTIVE, sequence, replay);
    }

    @EventHandler
    public void on(TimeDealEndedEvent event, @SequenceNumber Long sequence, ReplayStatus replay) {
        changeStatus(event.timeDealId(), TimeDealStatus.ENDED, sequence, replay);
    }

    /** Reading the deal back costs a query per event: only worth it when someone subscribed to this deal. */
    private boolean watched(long timeDealId) {
        return queryUpdateEmitter.activeSubscriptions().stream()
                .anyMatch(subscription -> subscription.getPayload() instanceof FindTimeDealQuery query
                        && query.timeDealId() == timeDealId);
    }

    @ResetHandler
    public void reset() {
        deals.deleteAll();
    }

    private void changeStatus(long timeDealId, TimeDealStatus status, long sequence, ReplayStatus replay) {
        if (deals.changeStatus(timeDealId, status, sequence)) {
            publish(timeDealId, replay);
        }
    }

    /**
     * Emitted inside the batch's unit of work, so subscribers only hear about it once the batch has committed.
     * A replay rebuilds history nobody is watching live, so it pushes nothing.
     */
    private void publish(long timeDealId, ReplayStatus replay) {
        if (replay.isReplay() || !watched(timeDealId)) {
            return;
        }
        deals.findDetail(timeDealId).ifPresent(detail -> queryUpdateEmitter.emit(
                FindTimeDealQuery.class, query -> query.timeDealId() == timeDealId, detail));
    }
}
