package com.bbossiregi.timedeal.api.product;

public enum ProductStatus {
    ACTIVE,
    INACTIVE,
    DELETED
}
