package com.bbossiregi.timedeal.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The deal sold the held stock to this paid order; a no-op for an order that is already confirmed. */
public record ConfirmOrderCommand(@TargetAggregateIdentifier String orderId) {
}
