package com.bbossiregi.timedeal.api.product;

import com.bbossiregi.timedeal.api.common.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateProductCommand(
        long productId,
        String name,
        String description,
        long price,
        String imageUrl,
        String thumbnailUrl,
        ProductCategory category) {
    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.product(productId);
    }
}
