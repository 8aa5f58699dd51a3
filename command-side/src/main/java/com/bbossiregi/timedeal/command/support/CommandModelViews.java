package com.bbossiregi.timedeal.command.support;

import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.api.product.ProductDetail;
import com.bbossiregi.timedeal.api.timedeal.TimeDealDetail;
import com.bbossiregi.timedeal.command.order.Order;
import com.bbossiregi.timedeal.command.timedeal.TimeDeal;
import java.time.Clock;
import java.util.function.Function;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * A command's answer shows the aggregate as its own events leave it, through the aggregate's sourcing logic, so the
 * command side answers without reading the query side's read models.
 */
@Component
public class CommandModelViews {

    private final Repository<Order> orders;
    private final Repository<TimeDeal> timeDeals;
    private final Clock clock;

    public CommandModelViews(Repository<Order> orders, Repository<TimeDeal> timeDeals, Clock clock) {
        this.orders = orders;
        this.timeDeals = timeDeals;
        this.clock = clock;
    }

    public OrderView order(String orderId) {
        return read(orders, orderId, Order::view);
    }

    public TimeDealDetail timeDeal(String streamId, ProductDetail product) {
        return read(timeDeals, streamId, deal -> deal.detail(product, clock.instant()));
    }

    private static <A, R> R read(Repository<A> repository, String id, Function<A, R> view) {
        ResultMessage<R> result = DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> repository.load(id).invoke(view));
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }
}
