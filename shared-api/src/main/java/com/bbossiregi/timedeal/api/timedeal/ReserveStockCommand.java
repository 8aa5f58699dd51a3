package com.bbossiregi.timedeal.api.timedeal;

import com.bbossiregi.timedeal.api.common.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReserveStockCommand(long timeDealId, String orderId, int quantity) {
    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.timeDeal(timeDealId);
    }
}
