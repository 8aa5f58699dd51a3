package com.bbossiregi.timedeal.api.timedeal;

import com.bbossiregi.timedeal.api.common.StreamIds;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin changes a deal that has not started; a null field stays as it is. */
public record ChangeTimeDealCommand(
        long timeDealId,
        Long originalPrice,
        Long dealPrice,
        Integer stockQuantity,
        Instant startAt,
        Instant endAt,
        Integer maxPerShopper) {
    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.timeDeal(timeDealId);
    }
}
