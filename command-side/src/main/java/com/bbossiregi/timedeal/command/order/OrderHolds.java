package com.bbossiregi.timedeal.command.order;

import com.bbossiregi.timedeal.api.order.CancellationReason;
import java.time.Duration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.MetaData;

/**
 * How a deal ends its orders' holds in its own unit of work (ADR 0019): {@link Order#endHold} on each order, so that the
 * order's events are stored in the same commit as the deal's. A handler parameter of the deal.
 */
@FunctionalInterface
public interface OrderHolds {

    /** @return whether the deal takes back the order's stock ({@link Order#endHold}) */
    boolean endHold(String orderId, CancellationReason reason, MetaData by, DeadlineManager deadlineManager,
                    Duration paymentGrace);
}
