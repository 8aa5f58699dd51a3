package com.bbossiregi.timedeal.api.timedeal;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Prices are already resolved: the original price defaults to the product's price before this is sent. */
public record CreateTimeDealCommand(
        @TargetAggregateIdentifier long timeDealId,
        long productId,
        long originalPrice,
        long dealPrice,
        int stockQuantity,
        Instant startAt,
        Instant endAt) {
}
