package com.bbossiregi.timedeal.api.order;

import com.bbossiregi.timedeal.api.common.StreamIds;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Several shoppers order from one deal at once (group commit): the deal decides each order in turn, exactly as it
 * decides a {@link PlaceOrderCommand}, and stores all of them in one unit of work; the answer is a
 * {@link PlacedOrders}, one outcome per order in the same order.
 *
 * @param orders every order's command, each for {@code timeDealId}, with the metadata its own request carried (who
 *               acted, the trace context), which that order's events record rather than the batch's
 */
public record PlaceOrdersCommand(long timeDealId, List<Order> orders) {

    public record Order(PlaceOrderCommand command, Map<String, String> metaData) {
    }

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.timeDeal(timeDealId);
    }
}
