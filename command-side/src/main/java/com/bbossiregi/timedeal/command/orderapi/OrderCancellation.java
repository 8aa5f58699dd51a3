package com.bbossiregi.timedeal.command.orderapi;

import com.bbossiregi.timedeal.api.order.CancelOrderCommand;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.api.timedeal.ReleaseStockCommand;
import com.bbossiregi.timedeal.command.support.Metadata;
import com.bbossiregi.timedeal.platform.axon.ReadModelCatchUp;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

/**
 * {@code DELETE /orders/{id}}: the order decides (owner, state) and gives up its stock at once; then the deal takes the
 * stock back, and the answer waits, bounded, for the read models, so the deal shows the stock again. A node dying
 * between the two commands loses nothing: the deal's look at the order's hold gives the stock of a canceled order back
 * (ADR 0019), and an order whose payment failed has its saga repeat the release.
 */
@Service
public class OrderCancellation {

    public record Canceled(String id, OrderStatus status, Instant canceledAt) {
    }

    private final CommandGateway commands;
    private final ReadModelCatchUp readModels;
    private final OrderSettings settings;

    public OrderCancellation(CommandGateway commands, ReadModelCatchUp readModels, OrderSettings settings) {
        this.commands = commands;
        this.readModels = readModels;
        this.settings = settings;
    }

    public Canceled cancel(String orderId, AuthenticatedUser user) {
        CancelOrderCommand command = user.isAdmin()
                ? new CancelOrderCommand(orderId, CancellationReason.ADMIN_REQUESTED, null)
                : new CancelOrderCommand(orderId, CancellationReason.USER_REQUESTED, user.userId());
        OrderView order = commands.sendAndWait(Metadata.asActor(command, user.actor()));
        giveStockBack(commands, order, user);
        readModels.awaitCaughtUp(settings.readModelWait());
        return new Canceled(order.id(), order.status(), order.canceledAt());
    }

    /** A canceled order that had held stock hands it back to its deal; the deal releases an order's stock once. */
    static void giveStockBack(CommandGateway commands, OrderView canceled, AuthenticatedUser user) {
        if (canceled.status() == OrderStatus.CANCELED && canceled.reservedAt() != null) {
            commands.sendAndWait(Metadata.asActor(
                    new ReleaseStockCommand(canceled.timeDealId(), canceled.id()), user.actor()));
        }
    }
}
