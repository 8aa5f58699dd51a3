package com.bbossiregi.timedeal.command.orderapi;

import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import java.net.URI;
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

    /** {@code method} picks how to pay; the simulated provider treats "fail" and "timeout" as forced failures. */
    public record PaymentRequest(String method) {
    }

    private final OrderPlacement placement;
    private final OrderCancellation cancellation;
    private final OrderPayment payment;

    public OrderCommandController(OrderPlacement placement, OrderCancellation cancellation, OrderPayment payment) {
        this.placement = placement;
        this.cancellation = cancellation;
        this.payment = payment;
    }

    @PostMapping
    public ResponseEntity<ApiResponse<OrderView>> place(@RequestBody OrderPlacement.PlaceOrderRequest request,
                                                        @RequestHeader(name = "Idempotency-Key", required = false)
                                                        String idempotencyKey,
                                                        AuthenticatedUser user) {
        OrderView order = placement.place(request, user, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/v1/orders/" + order.id())).body(ApiResponse.of(order));
    }

    @DeleteMapping("/{orderId}")
    public ApiResponse<OrderCancellation.Canceled> cancel(@PathVariable String orderId, AuthenticatedUser user) {
        return ApiResponse.of(cancellation.cancel(orderId, user));
    }

    @PostMapping("/{orderId}/payment")
    public ApiResponse<OrderView> pay(@PathVariable String orderId,
                                      @RequestBody(required = false) PaymentRequest request,
                                      AuthenticatedUser user) {
        return ApiResponse.of(payment.pay(orderId, request == null ? null : request.method(), user));
    }
}
