package com.bbossiregi.timedeal.api.product;

import com.bbossiregi.timedeal.api.common.PageRequest;

/** An admin's product list, by id; {@code status} null lists every product, deleted ones included. */
public record FindProductsQuery(ProductStatus status, PageRequest page) {
}
