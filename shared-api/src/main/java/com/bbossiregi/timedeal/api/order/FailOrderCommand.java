package com.bbossiregi.timedeal.api.order;

import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The deal refused the reservation; a no-op once the order has left {@code PENDING}. */
public record FailOrderCommand(
        @TargetAggregateIdentifier String orderId,
        ReservationRejection reason,
        int availableQuantity) {
}
