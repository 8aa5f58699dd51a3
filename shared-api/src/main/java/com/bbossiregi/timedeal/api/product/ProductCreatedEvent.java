package com.bbossiregi.timedeal.api.product;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ProductCreatedEvent(
        long productId,
        String name,
        String description,
        long price,
        String imageUrl,
        String thumbnailUrl,
        ProductCategory category,
        ProductStatus status) {
}
