package com.bbossiregi.timedeal.api.timedeal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives back what the order holds; releasing an order that holds nothing is a no-op. */
public record ReleaseStockCommand(@TargetAggregateIdentifier long timeDealId, String orderId) {
}
