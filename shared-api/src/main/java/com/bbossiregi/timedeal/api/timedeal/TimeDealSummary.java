package com.bbossiregi.timedeal.api.timedeal;

import com.bbossiregi.timedeal.api.product.ProductBrief;
import java.time.Instant;

public record TimeDealSummary(
        long id,
        ProductBrief product,
        long originalPrice,
        long dealPrice,
        int discountRate,
        int stockQuantity,
        int availableQuantity,
        Instant startAt,
        Instant endAt,
        TimeDealStatus status,
        long remainingSeconds) {
}
