package com.bbossiregi.timedeal.api.timedeal;

import com.bbossiregi.timedeal.api.common.StreamIds;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Prices are already resolved: the original price defaults to the product's price before this is sent.
 * {@code maxPerShopper} is the most units one shopper may hold of this deal, null for no limit.
 */
public record CreateTimeDealCommand(
        long timeDealId,
        long productId,
        long originalPrice,
        long dealPrice,
        int stockQuantity,
        Instant startAt,
        Instant endAt,
        Integer maxPerShopper) {
    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.timeDeal(timeDealId);
    }
}
