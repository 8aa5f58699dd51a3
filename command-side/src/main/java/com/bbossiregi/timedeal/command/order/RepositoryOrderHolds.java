package com.bbossiregi.timedeal.command.order;

import com.bbossiregi.timedeal.api.order.CancellationReason;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Loads each order through its repository in the caller's unit of work. The repository is found through Axon's
 * configuration when first needed: it exists only once Axon is configured, after this bean.
 */
@Component
class RepositoryOrderHolds implements OrderHolds {

    private final ObjectProvider<Configuration> axon;

    RepositoryOrderHolds(ObjectProvider<Configuration> axon) {
        this.axon = axon;
    }

    @Override
    public boolean endHold(String orderId, CancellationReason reason, MetaData by, DeadlineManager deadlineManager,
                           Duration paymentGrace) {
        return axon.getObject().repository(Order.class).load(orderId)
                .invoke(order -> order.endHold(reason, by, deadlineManager, paymentGrace));
    }
}
