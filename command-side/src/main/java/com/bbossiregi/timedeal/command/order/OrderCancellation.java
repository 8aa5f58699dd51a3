package com.bbossiregi.timedeal.command.order;

import com.bbossiregi.timedeal.api.order.CancelOrderCommand;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.command.support.CommandModelViews;
import com.bbossiregi.timedeal.command.support.Metadata;
import com.bbossiregi.timedeal.platform.axon.ReadModelCatchUp;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * {@code DELETE /orders/{id}}: the order decides (owner, state) and gives up its stock at once; the saga hands the
 * quantity back to the deal. The answer waits, bounded, for that hand-back, so the deal shows the stock again.
 */
@Service
public class OrderCancellation {

    public record Canceled(String id, OrderStatus status, Instant canceledAt) {
    }

    private final CommandGateway commands;
    private final OrderOutcomes outcomes;
    private final CommandModelViews views;
    private final ReadModelCatchUp readModels;
    private final Duration outcomeWait;
    private final Duration readModelWait;

    public OrderCancellation(CommandGateway commands, OrderOutcomes outcomes, CommandModelViews views,
                             ReadModelCatchUp readModels,
                             @Value("${timedeal.orders.outcome-wait:5s}") Duration outcomeWait,
                             @Value("${timedeal.orders.read-model-wait:2s}") Duration readModelWait) {
        this.commands = commands;
        this.outcomes = outcomes;
        this.views = views;
        this.readModels = readModels;
        this.outcomeWait = outcomeWait;
        this.readModelWait = readModelWait;
    }

    public Canceled cancel(String orderId, AuthenticatedUser user) {
        CancelOrderCommand command = user.isAdmin()
                ? new CancelOrderCommand(orderId, CancellationReason.ADMIN_REQUESTED, null)
                : new CancelOrderCommand(orderId, CancellationReason.USER_REQUESTED, user.userId());
        OrderOutcomes.Watch watch = outcomes.watch(orderId);
        try {
            commands.sendAndWait(Metadata.asActor(command, user.actor()));
            watch.stockBackAtDeal(outcomeWait);
        } finally {
            outcomes.forget(orderId, watch);
        }
        readModels.awaitCaughtUp(readModelWait);
        OrderView order = views.order(orderId);
        return new Canceled(order.id(), order.status(), order.canceledAt());
    }
}
