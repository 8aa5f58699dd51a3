package com.bbossiregi.timedeal.api.product;

import com.bbossiregi.timedeal.api.common.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin changes a product; a null field stays as it is. */
public record ChangeProductCommand(
        long productId,
        String name,
        String description,
        Long price,
        String imageUrl,
        String thumbnailUrl,
        ProductCategory category,
        ProductStatus status) {
    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.product(productId);
    }
}
