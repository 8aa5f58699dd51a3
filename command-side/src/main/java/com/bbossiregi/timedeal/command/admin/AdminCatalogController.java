package com.bbossiregi.timedeal.command.admin;

import com.bbossiregi.timedeal.api.product.ProductDetail;
import com.bbossiregi.timedeal.api.timedeal.TimeDealDetail;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins add and change products, schedule, change and withdraw deals; role checks happen in the security configuration.
 */
@RestController
@RequestMapping("/api/v1/admin")
public class AdminCatalogController {

    private final CatalogCommands catalog;

    public AdminCatalogController(CatalogCommands catalog) {
        this.catalog = catalog;
    }

    @PostMapping("/products")
    @ResponseStatus(HttpStatus.CREATED)
    public ApiResponse<ProductDetail> createProduct(@RequestBody CatalogCommands.NewProduct request, AuthenticatedUser admin) {
        return ApiResponse.of(catalog.createProduct(request, admin.actor()));
    }

    @DeleteMapping("/timedeals/{timeDealId}")
    public ApiResponse<TimeDealDetail> cancelTimeDeal(@PathVariable long timeDealId, AuthenticatedUser admin) {
        return ApiResponse.of(catalog.cancelTimeDeal(timeDealId, admin.actor()));
    }

    @PatchMapping("/products/{productId}")
    public ApiResponse<ProductDetail> changeProduct(@PathVariable long productId,
                                                    @RequestBody CatalogCommands.ProductChange change,
                                                    AuthenticatedUser admin) {
        return ApiResponse.of(catalog.changeProduct(productId, change, admin.actor()));
    }

    @PatchMapping("/timedeals/{timeDealId}")
    public ApiResponse<TimeDealDetail> changeTimeDeal(@PathVariable long timeDealId,
                                                      @RequestBody CatalogCommands.TimeDealChange change,
                                                      AuthenticatedUser admin) {
        return ApiResponse.of(catalog.changeTimeDeal(timeDealId, change, admin.actor()));
    }

    @PostMapping("/timedeals")
    @ResponseStatus(HttpStatus.CREATED)
    public ApiResponse<TimeDealDetail> createTimeDeal(@RequestBody CatalogCommands.NewTimeDeal request, AuthenticatedUser admin) {
        return ApiResponse.of(catalog.createTimeDeal(request, admin.actor()));
    }
}
