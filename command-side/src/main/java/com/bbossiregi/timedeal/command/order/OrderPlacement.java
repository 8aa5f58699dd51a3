package com.bbossiregi.timedeal.command.order;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.PlaceOrderCommand;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.command.support.CommandModelViews;
import com.bbossiregi.timedeal.command.support.CreationEvents;
import com.bbossiregi.timedeal.command.support.Metadata;
import com.bbossiregi.timedeal.platform.axon.ReadModelCatchUp;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import com.bbossiregi.timedeal.platform.web.ApiError;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import com.bbossiregi.timedeal.platform.web.ErrorStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * {@code POST /orders}: places the order and answers with its outcome. The reservation itself runs in the order
 * saga; this waits for it (bounded), then for the local read models, so the 201 a client gets is already visible
 * in {@code GET /timedeals/{id}}. No outcome within the bound gives 202 and the pending order to poll.
 */
@Service
public class OrderPlacement {

    public record PlaceOrderRequest(Long timeDealId, Integer quantity) {
    }

    private static final int MIN_QUANTITY = 1;
    private static final int MAX_QUANTITY = 10;
    private static final long RETRY_POLL_NANOS = Duration.ofMillis(25).toNanos();

    private final CommandGateway commands;
    private final CreationEvents creations;
    private final OrderOutcomes outcomes;
    private final OrderRequests requests;
    private final CommandModelViews views;
    private final ReadModelCatchUp readModels;
    private final ObjectMapper json;
    private final Duration outcomeWait;
    private final Duration readModelWait;

    public OrderPlacement(CommandGateway commands, CreationEvents creations, OrderOutcomes outcomes, OrderRequests requests,
                          CommandModelViews views, ReadModelCatchUp readModels, ObjectMapper json,
                          @Value("${timedeal.orders.outcome-wait:5s}") Duration outcomeWait,
                          @Value("${timedeal.orders.read-model-wait:2s}") Duration readModelWait) {
        this.commands = commands;
        this.creations = creations;
        this.outcomes = outcomes;
        this.requests = requests;
        this.views = views;
        this.readModels = readModels;
        this.json = json;
        this.outcomeWait = outcomeWait;
        this.readModelWait = readModelWait;
    }

    public Answer place(PlaceOrderRequest request, AuthenticatedUser user, String idempotencyKey) {
        if (request.timeDealId() == null || request.timeDealId() <= 0) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Request validation failed",
                    java.util.List.of(Map.of("field", "time_deal_id", "message", "is required and must be a positive id")));
        }
        int quantity = request.quantity() == null ? 1 : request.quantity();
        if (quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
            throw new DomainException(ErrorCode.INVALID_QUANTITY,
                    "quantity must be between " + MIN_QUANTITY + " and " + MAX_QUANTITY,
                    Map.of("min", MIN_QUANTITY, "max", MAX_QUANTITY, "requested", quantity));
        }
        String orderId = UUID.randomUUID().toString();
        if (idempotencyKey == null) {
            return answer(orderId, request.timeDealId(), quantity, user);
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "Idempotency-Key must be 1 to 255 characters");
        }
        if (!requests.claim(user.userId(), idempotencyKey, orderId, request.timeDealId(), quantity)) {
            return earlierAnswer(user, idempotencyKey, request.timeDealId(), quantity);
        }
        try {
            Answer answer = answer(orderId, request.timeDealId(), quantity, user);
            requests.complete(user.userId(), idempotencyKey, answer);
            return answer;
        } catch (RuntimeException e) {
            requests.release(user.userId(), idempotencyKey);
            throw e;
        }
    }

    private Answer answer(String orderId, long timeDealId, int quantity, AuthenticatedUser user) {
        try {
            return placeAndAwait(orderId, timeDealId, quantity, user);
        } catch (DomainException e) {
            return error(e.code(), e.getMessage(), e.details());
        }
    }

    private Answer placeAndAwait(String orderId, long timeDealId, int quantity, AuthenticatedUser user) {
        TimeDealCreatedEvent deal = creations.of(StreamIds.timeDeal(timeDealId), TimeDealCreatedEvent.class)
                .orElseThrow(() -> DomainException.notFound("Time deal " + timeDealId));
        OrderOutcomes.Watch watch = outcomes.watch(orderId);
        Optional<Object> outcome;
        try {
            commands.sendAndWait(Metadata.asActor(
                    new PlaceOrderCommand(orderId, user.userId(), timeDealId, quantity, deal.dealPrice()), user.actor()));
            outcome = watch.placement(outcomeWait);
        } finally {
            outcomes.forget(orderId, watch);
        }
        if (outcome.orElse(null) instanceof OrderFailedEvent failed) {
            return rejection(failed);
        }
        readModels.awaitCaughtUp(readModelWait);
        String location = "/api/v1/orders/" + orderId;
        HttpStatus status = outcome.isPresent() ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return new Answer(status.value(), write(ApiResponse.of(views.order(orderId))), location);
    }

    private Answer rejection(OrderFailedEvent failed) {
        if (failed.reason() == ReservationRejection.INSUFFICIENT_STOCK) {
            return error(ErrorCode.INSUFFICIENT_STOCK, "Not enough stock left for this deal",
                    Map.of("available", failed.availableQuantity(), "requested", failed.requestedQuantity()));
        }
        return error(ErrorCode.DEAL_NOT_ACTIVE, "This deal is not taking orders now", null);
    }

    private Answer earlierAnswer(AuthenticatedUser user, String key, long timeDealId, int quantity) {
        long deadline = System.nanoTime() + outcomeWait.plus(readModelWait).toNanos();
        while (true) {
            OrderRequests.Stored stored = requests.find(user.userId(), key).orElse(null);
            if (stored == null) {
                // The first request failed unexpectedly and gave the key back: this retry takes it.
                return place(new PlaceOrderRequest(timeDealId, quantity), user, key);
            }
            if (stored.timeDealId() != timeDealId || stored.quantity() != quantity) {
                return error(ErrorCode.BAD_REQUEST, "This Idempotency-Key was used for a different order request", null);
            }
            if (stored.answer() != null) {
                return stored.answer();
            }
            if (System.nanoTime() > deadline) {
                return new Answer(HttpStatus.ACCEPTED.value(),
                        write(ApiResponse.of(views.order(stored.orderId()))),
                        "/api/v1/orders/" + stored.orderId());
            }
            LockSupport.parkNanos(RETRY_POLL_NANOS);
        }
    }

    private Answer error(ErrorCode code, String message, Object details) {
        return new Answer(ErrorStatus.of(code).value(), write(ApiError.of(code, message, details)), null);
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an order answer", e);
        }
    }
}
