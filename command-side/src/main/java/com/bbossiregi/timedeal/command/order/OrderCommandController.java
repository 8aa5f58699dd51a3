package com.bbossiregi.timedeal.command.order;

import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orders")
public class OrderCommandController {

    private final OrderPlacement placement;
    private final OrderCancellation cancellation;

    public OrderCommandController(OrderPlacement placement, OrderCancellation cancellation) {
        this.placement = placement;
        this.cancellation = cancellation;
    }

    @PostMapping
    public ResponseEntity<String> place(@RequestBody OrderPlacement.PlaceOrderRequest request,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                        AuthenticatedUser user) {
        return placement.place(request, user, idempotencyKey).toResponse();
    }

    @DeleteMapping("/{orderId}")
    public ApiResponse<OrderCancellation.Canceled> cancel(@PathVariable String orderId, AuthenticatedUser user) {
        return ApiResponse.of(cancellation.cancel(orderId, user));
    }
}
