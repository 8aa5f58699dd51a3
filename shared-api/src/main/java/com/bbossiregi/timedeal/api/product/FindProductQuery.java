package com.bbossiregi.timedeal.api.product;

public record FindProductQuery(long productId) {
}
