package com.bbossiregi.timedeal.command.orderapi;

import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import java.net.URI;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
    public record PaymentRequest(@Size(max = 50) String method) {
    }

    /** Visible ASCII only, 1 to 255 characters: what a client generates (a UUID) and what the key column holds. */
    static final String IDEMPOTENCY_KEY = "[\\x21-\\x7E]{1,255}";
    static final String IDEMPOTENCY_KEY_RULE = "must be 1 to 255 visible ASCII characters";

    private final OrderPlacement placement;
    private final OrderCancellation cancellation;
    private final OrderPayment payment;

    public OrderCommandController(OrderPlacement placement, OrderCancellation cancellation, OrderPayment payment) {
        this.placement = placement;
        this.cancellation = cancellation;
        this.payment = payment;
    }

    @PostMapping
    public ResponseEntity<ApiResponse<OrderView>> place(@RequestBody @Valid OrderPlacement.PlaceOrderRequest request,
                                                        @RequestHeader(name = "Idempotency-Key", required = false)
                                                        @Pattern(regexp = IDEMPOTENCY_KEY, message = IDEMPOTENCY_KEY_RULE)
                                                        String idempotencyKey,
                                                        AuthenticatedUser user) {
        OrderView order = placement.place(request, user, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/v1/orders/" + order.id())).body(ApiResponse.of(order));
    }

    @DeleteMapping("/{orderId}")
    public ApiResponse<OrderCancellation.Canceled> cancel(@PathVariable String orderId, AuthenticatedUser user) {
        return ApiResponse.of(cancellation.cancel(StreamIds.requireOrderId(orderId), user));
    }

    @PostMapping("/{orderId}/payment")
    public ApiResponse<OrderView> pay(@PathVariable String orderId,
                                      @RequestBody(required = false) @Valid PaymentRequest request,
                                      AuthenticatedUser user) {
        StreamIds.requireOrderId(orderId);
        return ApiResponse.of(payment.pay(orderId, request == null ? null : request.method(), user));
    }
}
