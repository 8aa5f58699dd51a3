package com.bbossiregi.timedeal.api.timedeal;

import com.bbossiregi.timedeal.api.common.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin withdraws a deal that has not ended; its open orders are then canceled by their sagas. */
public record CancelTimeDealCommand(long timeDealId) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.timeDeal(timeDealId);
    }
}
