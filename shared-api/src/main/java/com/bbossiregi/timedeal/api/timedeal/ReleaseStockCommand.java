package com.bbossiregi.timedeal.api.timedeal;

import com.bbossiregi.timedeal.api.common.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives back what the order holds; releasing an order that holds nothing is a no-op. */
public record ReleaseStockCommand(long timeDealId, String orderId) {
    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.timeDeal(timeDealId);
    }
}
