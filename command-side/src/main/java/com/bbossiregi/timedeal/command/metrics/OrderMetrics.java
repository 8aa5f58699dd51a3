package com.bbossiregi.timedeal.command.metrics;

import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderConfirmedEvent;
import com.bbossiregi.timedeal.api.order.OrderFailedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.PaymentCompletedEvent;
import com.bbossiregi.timedeal.api.order.PaymentFailedEvent;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The shop's business counters, counted from the order events as they are committed:
 * {@value #ORDERS} by {@code outcome} (reserved, failed, canceled, confirmed) and {@code reason} (why it failed or was
 * canceled; {@code reservation_expired} is a hold that ran out), and {@value #PAYMENTS} by {@code outcome} (approved,
 * failed) and {@code reason}.
 *
 * <p>It runs in a subscribing processor ({@value #GROUP}): it sees each event once, in the process whose command
 * appended it, and never on a replay, so neither a read model rebuild nor several nodes count an event twice (sum the
 * nodes' series). A count is taken only once the event's transaction has committed.
 */
@Component
@ProcessingGroup(OrderMetrics.GROUP)
public class OrderMetrics {

    public static final String GROUP = "order-metrics";
    public static final String ORDERS = "timedeal.orders";
    public static final String PAYMENTS = "timedeal.payments";
    public static final String IDEMPOTENT_REPLAYS = "timedeal.orders.idempotent.replays";
    static final String NONE = "none";
    private static final Pattern NOT_IN_A_CODE = Pattern.compile("[^a-z0-9_]+");

    private final MeterRegistry registry;
    // The series of the closed reasons, registered once: every order counts on one of them, and building a meter's
    // name and tags to find it again was work on each order's unit of work (a failed order's also compiled the code's
    // regular expression).
    private final Counter reserved;
    private final Counter confirmed;
    private final Counter approved;
    private final Map<ReservationRejection, Counter> failed = new EnumMap<>(ReservationRejection.class);
    private final Map<CancellationReason, Counter> canceled = new EnumMap<>(CancellationReason.class);

    public OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Every series exists from the start at 0, so rates and alerts see the first event too.
        reserved = orders("reserved", NONE);
        confirmed = orders("confirmed", NONE);
        for (ReservationRejection reason : ReservationRejection.values()) {
            failed.put(reason, orders("failed", code(reason.name())));
        }
        for (CancellationReason reason : CancellationReason.values()) {
            canceled.put(reason, orders("canceled", code(reason.name())));
        }
        approved = payments("approved", NONE);
        idempotentReplays(registry);
    }

    /**
     * Placements answered from an earlier request with the same idempotency key; the placement code counts them on
     * this one meter.
     */
    public static Counter idempotentReplays(MeterRegistry registry) {
        return Counter.builder(IDEMPOTENT_REPLAYS)
                .description("Order placements answered from an earlier request with the same idempotency key")
                .register(registry);
    }

    @EventHandler
    void on(OrderReservedEvent event, UnitOfWork<?> unitOfWork) {
        afterCommit(unitOfWork, reserved);
    }

    @EventHandler
    void on(OrderFailedEvent event, UnitOfWork<?> unitOfWork) {
        afterCommit(unitOfWork, failed.get(event.reason()));
    }

    @EventHandler
    void on(OrderCanceledEvent event, UnitOfWork<?> unitOfWork) {
        afterCommit(unitOfWork, canceled.get(event.reason()));
    }

    @EventHandler
    void on(OrderConfirmedEvent event, UnitOfWork<?> unitOfWork) {
        afterCommit(unitOfWork, confirmed);
    }

    @EventHandler
    void on(PaymentCompletedEvent event, UnitOfWork<?> unitOfWork) {
        afterCommit(unitOfWork, approved);
    }

    /** A gateway's reason is free text: its series is found (or registered) by name, as payments fail seldom. */
    @EventHandler
    void on(PaymentFailedEvent event, UnitOfWork<?> unitOfWork) {
        afterCommit(unitOfWork, payments("failed", code(event.reason())));
    }

    private static void afterCommit(UnitOfWork<?> unitOfWork, Counter counter) {
        unitOfWork.root().afterCommit(committed -> counter.increment());
    }

    private Counter orders(String outcome, String reason) {
        return Counter.builder(ORDERS)
                .description("Orders by outcome and reason, counted from the committed order events")
                .tag("outcome", outcome).tag("reason", reason)
                .register(registry);
    }

    private Counter payments(String outcome, String reason) {
        return Counter.builder(PAYMENTS)
                .description("Payments by outcome and reason, counted from the committed order events")
                .tag("outcome", outcome).tag("reason", reason)
                .register(registry);
    }

    /** A reason as a short label value: lower case, letters, digits and underscores, at most 40 characters. */
    static String code(String reason) {
        if (reason == null || reason.isBlank()) {
            return NONE;
        }
        String code = NOT_IN_A_CODE.matcher(reason.toLowerCase(Locale.ROOT)).replaceAll("_");
        return code.length() <= 40 ? code : code.substring(0, 40);
    }
}
