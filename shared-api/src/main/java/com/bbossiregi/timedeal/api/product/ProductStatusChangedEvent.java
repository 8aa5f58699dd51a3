package com.bbossiregi.timedeal.api.product;

import org.axonframework.serialization.Revision;

/** A product became active, inactive or deleted. Deleted is final. */
@Revision("1")
public record ProductStatusChangedEvent(long productId, ProductStatus status) {
}
