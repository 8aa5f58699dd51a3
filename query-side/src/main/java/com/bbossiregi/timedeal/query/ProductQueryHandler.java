package com.bbossiregi.timedeal.query;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.product.FindProductQuery;
import com.bbossiregi.timedeal.api.product.FindProductsQuery;
import com.bbossiregi.timedeal.api.product.ProductDetail;
import com.bbossiregi.timedeal.api.product.ProductPage;
import com.bbossiregi.timedeal.projections.deallisting.DealListingRepository;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers the admin's product queries from the deal listing's product table. */
@Component
public class ProductQueryHandler {

    private final DealListingRepository listing;

    public ProductQueryHandler(DealListingRepository listing) {
        this.listing = listing;
    }

    @QueryHandler
    public ProductPage handle(FindProductsQuery query) {
        return listing.findProducts(query.status(), query.page());
    }

    @QueryHandler
    public ProductDetail handle(FindProductQuery query) {
        return listing.findProduct(query.productId())
                .orElseThrow(() -> DomainException.notFound("Product " + query.productId()));
    }
}
