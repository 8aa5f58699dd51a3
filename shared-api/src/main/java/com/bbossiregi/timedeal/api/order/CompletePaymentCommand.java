package com.bbossiregi.timedeal.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompletePaymentCommand(@TargetAggregateIdentifier String orderId, String paymentId, String transactionId) {
}
