package com.bbossiregi.timedeal.api.timedeal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReserveStockCommand(@TargetAggregateIdentifier long timeDealId, String orderId, int quantity) {
}
