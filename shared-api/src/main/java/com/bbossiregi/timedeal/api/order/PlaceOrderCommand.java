package com.bbossiregi.timedeal.api.order;

import com.bbossiregi.timedeal.api.common.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A shopper orders from a deal. The deal decides in one unit of work whether it holds the stock, and opens the order
 * {@code orderId} either reserved or failed; the answer is a {@link PlacedOrder}. Sending it again with the same
 * {@code orderId} never opens a second order.
 */
public record PlaceOrderCommand(long timeDealId, String orderId, long userId, int quantity) {
    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.timeDeal(timeDealId);
    }
}
