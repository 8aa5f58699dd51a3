package com.bbossiregi.timedeal.query;

import com.bbossiregi.timedeal.api.common.PageRequest;
import com.bbossiregi.timedeal.api.order.FindOrdersOfTimeDealQuery;
import com.bbossiregi.timedeal.api.order.OrderPage;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An admin's list of a deal's orders (role checked by the security configuration for /admin). */
@RestController
@RequestMapping("/api/v1/admin/orders")
public class AdminOrderQueryController {

    private final QueryGateway queryGateway;

    public AdminOrderQueryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping
    public ApiResponse<List<OrderView>> ordersOfDeal(
            @RequestParam(name = "time_deal_id") String timeDealId,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "per_page", defaultValue = "20") int perPage) {
        FindOrdersOfTimeDealQuery query = new FindOrdersOfTimeDealQuery(QueryParameters.dealId(timeDealId),
                QueryParameters.status(status, OrderStatus.class), new PageRequest(page, perPage));
        OrderPage result = queryGateway.query(query, ResponseTypes.instanceOf(OrderPage.class)).join();
        return ApiResponse.page(result.items(), result.meta());
    }
}
