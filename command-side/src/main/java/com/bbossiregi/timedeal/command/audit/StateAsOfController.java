package com.bbossiregi.timedeal.command.audit;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.api.product.ProductDetail;
import com.bbossiregi.timedeal.api.timedeal.TimeDealDetail;
import com.bbossiregi.timedeal.command.admin.CatalogCommands;
import com.bbossiregi.timedeal.command.order.Order;
import com.bbossiregi.timedeal.command.timedeal.TimeDeal;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import java.time.Clock;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an order or a deal looked like at an instant ({@code ?as_of=2026-02-27T14:05:00Z}; now when absent), rebuilt
 * from the event store by the aggregates' own sourcing logic. Served by the command side because only it holds
 * that logic; admin only, by the security configuration.
 */
@RestController
@RequestMapping("/api/v1/admin")
public class StateAsOfController {

    private final AggregateHistory history;
    private final CatalogCommands catalog;
    private final Clock clock;

    public StateAsOfController(AggregateHistory history, CatalogCommands catalog, Clock clock) {
        this.history = history;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GetMapping("/orders/{orderId}")
    public ApiResponse<OrderView> order(@PathVariable String orderId,
                                        @RequestParam(name = "as_of", required = false) Instant asOf) {
        Instant at = instant(asOf);
        return ApiResponse.of(history.asOf(Order.class, StreamIds.requireOrderId(orderId), at, Order::view)
                .orElseThrow(() -> DomainException.notFound("Order " + orderId + " as of " + at)));
    }

    @GetMapping("/timedeals/{timeDealId}")
    public ApiResponse<TimeDealDetail> timeDeal(@PathVariable("timeDealId") String id,
                                                @RequestParam(name = "as_of", required = false) Instant asOf) {
        long timeDealId = StreamIds.parseNumberedId(id, "Time deal");
        Instant at = instant(asOf);
        TimeDealDetail detail = history.asOf(TimeDeal.class, StreamIds.timeDeal(timeDealId), at, deal -> deal)
                .map(deal -> deal.detail(productOf(deal), at))
                .orElseThrow(() -> DomainException.notFound("Time deal " + timeDealId + " as of " + at));
        return ApiResponse.of(detail);
    }

    private ProductDetail productOf(TimeDeal deal) {
        return catalog.product(deal.productId()).orElseThrow(() -> DomainException.notFound("Product " + deal.productId()));
    }

    /** {@code as_of} is checked at the edge (ISO-8601, years 0001 to 9999); none means now. */
    private Instant instant(Instant asOf) {
        return asOf == null ? clock.instant() : asOf;
    }
}
