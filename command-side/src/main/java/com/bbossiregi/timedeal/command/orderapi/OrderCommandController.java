package com.bbossiregi.timedeal.command.orderapi;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jakarta.validation.Valid;
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

    private static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** Visible ASCII only, 1 to 255 characters: what a client generates (a UUID) and what the key column holds. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final String IDEMPOTENCY_KEY_RULE = "must be 1 to 255 visible ASCII characters";

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
                                                        @RequestHeader(name = IDEMPOTENCY_KEY_HEADER, required = false)
                                                        String idempotencyKey,
                                                        AuthenticatedUser user) {
        requireWellFormed(idempotencyKey);
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

    /**
     * The key's rule, answered as a constraint on the header would be (400 BAD_REQUEST naming it). Checked here rather
     * than by a {@code @Pattern} on the parameter: a constraint on any parameter makes Spring MVC validate every
     * argument of the method through Bean Validation's method validation on each request, about 3 % of the
     * application's CPU under the hot deal (docs/benchmarks.md, round 34), where the body's {@code @Valid} alone is
     * checked by the cheaper bean validation.
     */
    private static void requireWellFormed(String idempotencyKey) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new DomainException(ErrorCode.BAD_REQUEST, IDEMPOTENCY_KEY_HEADER + " " + IDEMPOTENCY_KEY_RULE,
                    List.of(Map.of("field", IDEMPOTENCY_KEY_HEADER, "message", IDEMPOTENCY_KEY_RULE)));
        }
    }
}
