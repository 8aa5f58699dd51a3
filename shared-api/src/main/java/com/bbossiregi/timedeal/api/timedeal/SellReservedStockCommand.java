package com.bbossiregi.timedeal.api.timedeal;

import com.bbossiregi.timedeal.api.common.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A paid order's held stock becomes sold; selling an order twice changes nothing. */
public record SellReservedStockCommand(long timeDealId, String orderId) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.timeDeal(timeDealId);
    }
}
