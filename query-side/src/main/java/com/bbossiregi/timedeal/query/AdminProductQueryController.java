package com.bbossiregi.timedeal.query;

import com.bbossiregi.timedeal.api.common.PageRequest;
import com.bbossiregi.timedeal.api.product.FindProductQuery;
import com.bbossiregi.timedeal.api.product.FindProductsQuery;
import com.bbossiregi.timedeal.api.product.ProductDetail;
import com.bbossiregi.timedeal.api.product.ProductPage;
import com.bbossiregi.timedeal.api.product.ProductStatus;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An admin's catalogue: every product with its status, deleted ones included (role checked for /admin). */
@RestController
@RequestMapping("/api/v1/admin/products")
public class AdminProductQueryController {

    private final QueryGateway queryGateway;

    public AdminProductQueryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping
    public ApiResponse<List<ProductDetail>> products(
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "per_page", defaultValue = "20") int perPage) {
        FindProductsQuery query = new FindProductsQuery(QueryParameters.status(status, ProductStatus.class),
                new PageRequest(page, perPage));
        ProductPage result = queryGateway.query(query, ResponseTypes.instanceOf(ProductPage.class)).join();
        return ApiResponse.page(result.items(), result.meta());
    }

    @GetMapping("/{id}")
    public ApiResponse<ProductDetail> product(@PathVariable("id") String id) {
        return ApiResponse.of(queryGateway.query(new FindProductQuery(QueryParameters.productId(id)),
                ResponseTypes.instanceOf(ProductDetail.class)).join());
    }
}
