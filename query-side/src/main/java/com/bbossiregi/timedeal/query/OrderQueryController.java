package com.bbossiregi.timedeal.query;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.common.PageRequest;
import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.order.FindOrderQuery;
import com.bbossiregi.timedeal.api.order.FindOrdersOfUserQuery;
import com.bbossiregi.timedeal.api.order.OrderPage;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's orders; a shopper sees only their own, an administrator any. */
@RestController
@RequestMapping("/api/v1/orders")
public class OrderQueryController {

    private final QueryGateway queryGateway;

    public OrderQueryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping
    public ApiResponse<List<OrderView>> myOrders(
            AuthenticatedUser caller,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "per_page", defaultValue = "20") int perPage) {
        FindOrdersOfUserQuery query = new FindOrdersOfUserQuery(caller.userId(), new PageRequest(page, perPage));
        OrderPage result = queryGateway.query(query, ResponseTypes.instanceOf(OrderPage.class)).join();
        return ApiResponse.page(result.items(), result.meta());
    }

    @GetMapping("/{id}")
    public ApiResponse<OrderView> order(@PathVariable("id") String id, AuthenticatedUser caller) {
        OrderView order = queryGateway.query(new FindOrderQuery(StreamIds.requireOrderId(id)), ResponseTypes.instanceOf(OrderView.class)).join();
        ensureVisibleTo(order, caller);
        return ApiResponse.of(order);
    }

    static void ensureVisibleTo(OrderView order, AuthenticatedUser caller) {
        if (order.userId() != caller.userId() && !caller.isAdmin()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "The order belongs to another user");
        }
    }
}
