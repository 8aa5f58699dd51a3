package com.bbossiregi.timedeal.api.timedeal;

import com.bbossiregi.timedeal.api.product.ProductDetail;
import java.time.Instant;

public record TimeDealDetail(
        long id,
        ProductDetail product,
        long originalPrice,
        long dealPrice,
        int discountRate,
        int stockQuantity,
        int reservedQuantity,
        int soldQuantity,
        int availableQuantity,
        Instant startAt,
        Instant endAt,
        TimeDealStatus status,
        long remainingSeconds,
        Integer maxPerShopper) {
}
