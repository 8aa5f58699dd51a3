package com.bbossiregi.timedeal.api.product;

import org.axonframework.serialization.Revision;

/** A product's described terms after an admin's change, every field as it now is. */
@Revision("1")
public record ProductChangedEvent(
        long productId,
        String name,
        String description,
        long price,
        String imageUrl,
        String thumbnailUrl,
        ProductCategory category) {
}
