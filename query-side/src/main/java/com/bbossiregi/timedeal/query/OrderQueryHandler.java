package com.bbossiregi.timedeal.query;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.order.FindOrderQuery;
import com.bbossiregi.timedeal.api.order.FindOrdersOfTimeDealQuery;
import com.bbossiregi.timedeal.api.order.FindOrdersOfUserQuery;
import com.bbossiregi.timedeal.api.order.OrderPage;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.projections.orderhistory.OrderHistoryRepository;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Answers order queries from the order history. Who may see an order is the caller's concern: a query carries
 * no caller, so the HTTP layer checks ownership on the answer.
 */
@Component
public class OrderQueryHandler {

    private final OrderHistoryRepository orders;

    public OrderQueryHandler(OrderHistoryRepository orders) {
        this.orders = orders;
    }

    @QueryHandler
    public OrderView handle(FindOrderQuery query) {
        return orders.findById(query.orderId())
                .orElseThrow(() -> DomainException.notFound("Order " + query.orderId()));
    }

    @QueryHandler
    public OrderPage handle(FindOrdersOfUserQuery query) {
        return orders.findByUser(query.userId(), query.page());
    }

    @QueryHandler
    public OrderPage handle(FindOrdersOfTimeDealQuery query) {
        return orders.findByTimeDeal(query.timeDealId(), query.status(), query.page());
    }
}
