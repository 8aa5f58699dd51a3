package com.bbossiregi.timedeal.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Tells the order that its deal holds stock for it; a no-op once the order has left {@code PENDING}. */
public record RecordStockReservationCommand(@TargetAggregateIdentifier String orderId, int quantity) {
}
