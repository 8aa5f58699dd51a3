package com.bbossiregi.timedeal.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateProductCommand(
        @TargetAggregateIdentifier long productId,
        String name,
        String description,
        long price,
        String imageUrl,
        String thumbnailUrl,
        ProductCategory category) {
}
