package com.bbossiregi.timedeal.api.timedeal;

import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.product.ProductStatus;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Tells a deal its product's status changed: a deal whose product is not active does not start. */
public record RecordProductStatusCommand(long timeDealId, ProductStatus productStatus) {
    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.timeDeal(timeDealId);
    }
}
