package com.bbossiregi.timedeal.api.product;

public enum ProductCategory {
    FOOD,
    TOY,
    HEALTH,
    FASHION,
    LIVING
}
