package com.bbossiregi.timedeal.api.product;

/** The product as a deal summary shows it. */
public record ProductBrief(long id, String name, String imageUrl, ProductCategory category) {
}
