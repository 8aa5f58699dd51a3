package com.bbossiregi.timedeal.api.timedeal;

import com.bbossiregi.timedeal.api.product.ProductStatus;
import org.axonframework.serialization.Revision;

/** The deal learned its product's new status; until the product is active again, a scheduled deal does not start. */
@Revision("1")
public record TimeDealProductStatusChangedEvent(long timeDealId, ProductStatus productStatus) {
}
