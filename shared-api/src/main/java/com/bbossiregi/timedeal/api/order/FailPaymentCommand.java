package com.bbossiregi.timedeal.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The provider declined, did not answer in time, or the attempt was abandoned. {@code reason} is a short code such
 * as {@code declined}, {@code gateway_timeout} or {@code payment_abandoned}.
 */
public record FailPaymentCommand(@TargetAggregateIdentifier String orderId, String paymentId, String reason) {
}
