package com.bbossiregi.timedeal.command.orderapi;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.order.OrderRejection;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.api.order.PlaceOrderCommand;
import com.bbossiregi.timedeal.api.order.PlacedOrder;
import com.bbossiregi.timedeal.command.metrics.OrderMetrics;
import com.bbossiregi.timedeal.command.view.CommandModelViews;
import com.bbossiregi.timedeal.command.support.Metadata;
import com.bbossiregi.timedeal.platform.axon.ReadModelCatchUp;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import com.bbossiregi.timedeal.platform.tracing.TraceContextCarrier;
import io.micrometer.core.instrument.Counter;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * {@code POST /orders}: the deal decides and opens the order in one command, whose result is the outcome; the answer
 * then waits, bounded, for the read models, so the 201 a client gets is already visible in {@code GET /timedeals/{id}}.
 *
 * <p>An {@code Idempotency-Key} names one order (see {@link OrderRequests}). A retry answers from that order's own
 * events when it exists, and otherwise places it: the first request was cut off before its commit, or is still under
 * way, in which case the deal serializes the two and only one order is opened. Either way every answer to a key is the
 * order's true outcome.
 *
 * <p>Orders of one deal that arrive while it is busy share a commit ({@link PlacementBatches}).
 */
@Service
public class OrderPlacement {

    /** {@code quantity} defaults to 1; its 1..10 bound is answered with the contract's own INVALID_QUANTITY below. */
    public record PlaceOrderRequest(@NotNull @Positive Long timeDealId, Integer quantity) {
    }

    private static final int MIN_QUANTITY = 1;
    private static final int MAX_QUANTITY = 10;

    private final CommandGateway commands;
    private final OrderRequests requests;
    private final CommandModelViews views;
    private final ReadModelCatchUp readModels;
    private final OrderSettings settings;
    private final Counter idempotentReplays;
    private final PlacementBatches batches;
    /** Looked up once here (a look-up per order showed in the profile); empty when tracing is off. */
    private final Optional<TraceContextCarrier> traceContext;

    public OrderPlacement(CommandGateway commands, OrderRequests requests, CommandModelViews views,
                          ReadModelCatchUp readModels, OrderSettings settings, MeterRegistry meters,
                          ObjectProvider<TraceContextCarrier> traceContext) {
        this.commands = commands;
        this.batches = new PlacementBatches(commands, settings.placementBatch(), meters);
        this.traceContext = Optional.ofNullable(traceContext.getIfAvailable());
        this.requests = requests;
        this.views = views;
        this.readModels = readModels;
        this.settings = settings;
        this.idempotentReplays = OrderMetrics.idempotentReplays(meters);
    }

    /** @return the reserved order; a refusal is thrown as the contract's error */
    public OrderView place(PlaceOrderRequest request, AuthenticatedUser user, String idempotencyKey) {
        int quantity = request.quantity() == null ? 1 : request.quantity();
        if (quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
            throw new DomainException(ErrorCode.INVALID_QUANTITY,
                    "quantity must be between " + MIN_QUANTITY + " and " + MAX_QUANTITY,
                    Map.of("min", MIN_QUANTITY, "max", MAX_QUANTITY, "requested", quantity));
        }
        long timeDealId = request.timeDealId();
        if (idempotencyKey == null) {
            return answer(send(new PlaceOrderCommand(timeDealId, UUID.randomUUID().toString(), user.userId(), quantity),
                    user));
        }
        OrderRequests.Claim claim = requests.claim(user.userId(), idempotencyKey, UUID.randomUUID().toString(),
                timeDealId, quantity, settings.idempotencyKeyTtl());
        PlaceOrderCommand command = new PlaceOrderCommand(timeDealId, claim.orderId(), user.userId(), quantity);
        if (claim.first()) {
            return answer(send(command, user));
        }
        if (claim.timeDealId() != timeDealId || claim.quantity() != quantity) {
            throw new DomainException(ErrorCode.BAD_REQUEST,
                    "This Idempotency-Key was used for a different order request");
        }
        idempotentReplays.increment();
        return answer(placeAgain(command, user));
    }

    /**
     * The order a key named may exist (the first request got that far, whatever it was told) or not (it was cut off
     * before its commit, or is still on its way to the deal): the order's events decide, and in their absence the
     * placement is made now under the same order id.
     */
    private PlacedOrder placeAgain(PlaceOrderCommand command, AuthenticatedUser user) {
        Optional<PlacedOrder> existing = views.placement(command.orderId());
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return answerFor(command.orderId(), commands.sendAndWait(Metadata.asActor(command, user.actor())));
        } catch (AggregateStreamCreationException raced) {
            // The first request opened the order between the look-up and this command; its outcome stands.
            return views.placement(command.orderId()).orElseThrow(() -> raced);
        }
    }

    /** Through the deal's group commit: alone when the deal is idle, with the orders queued behind it otherwise. */
    private PlacedOrder send(PlaceOrderCommand command, AuthenticatedUser user) {
        PlacementBatches.Outcome outcome = batches.place(command, requestMetaData(user));
        if (outcome.batchFailed()) {
            // Its batch failed as a whole: this order was stored with it or not at all, and is now found or placed
            // alone, so this request gets its own outcome.
            return placeAgain(command, user);
        }
        return answerFor(command.orderId(), outcome.placement());
    }

    /** The deal held stock for this order id already (a concurrent retry got there first): answer for that order. */
    private PlacedOrder answerFor(String orderId, PlacedOrder placed) {
        return placed.isAlreadyPlaced() ? views.placement(orderId).orElseThrow() : placed;
    }

    /** What the order's events record of this request when it shares its deal's command with other orders. */
    private Map<String, String> requestMetaData(AuthenticatedUser user) {
        Map<String, String> metaData = new HashMap<>(user.actor().toMetaData());
        traceContext.ifPresent(carrier -> metaData.putAll(carrier.current()));
        return metaData;
    }

    private OrderView answer(PlacedOrder placed) {
        if (placed.order().status() == OrderStatus.FAILED) {
            throw rejection(placed.rejection());
        }
        readModels.awaitCaughtUp(settings.readModelWait());
        return placed.order();
    }

    private static DomainException rejection(OrderRejection rejection) {
        return switch (rejection.reason()) {
            case INSUFFICIENT_STOCK -> new DomainException(ErrorCode.INSUFFICIENT_STOCK,
                    "Not enough stock left for this deal",
                    Map.of("available", rejection.availableQuantity(), "requested", rejection.requestedQuantity()));
            case PURCHASE_LIMIT_EXCEEDED -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("limit", rejection.perShopperLimit());
                details.put("held", rejection.heldByShopper());
                details.put("requested", rejection.requestedQuantity());
                yield new DomainException(ErrorCode.PURCHASE_LIMIT_EXCEEDED,
                        "This order would take more of the deal than one shopper may hold", details);
            }
            case DEAL_NOT_ACTIVE -> new DomainException(ErrorCode.DEAL_NOT_ACTIVE, "This deal is not taking orders now");
        };
    }
}
