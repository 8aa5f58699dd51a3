package com.bbossiregi.timedeal.api.product;

/** The full product as a deal detail and the admin API show it. */
public record ProductDetail(
        long id,
        String name,
        String description,
        long price,
        String imageUrl,
        String thumbnailUrl,
        ProductCategory category,
        ProductStatus status) {
}
