package com.bbossiregi.timedeal.command.order;

import java.time.Duration;

/**
 * How long a reserved order keeps its stock unpaid ({@code timedeal.orders.reservation-hold}, default 10 minutes); how
 * much longer a payment already under way may take when the hold runs out before it counts as abandoned; and how far
 * apart a deal's looks at its holds are at least ({@code timedeal.orders.hold-check-spacing}), so that holds ending
 * close together end in one unit of work (ADR 0019).
 */
public record ReservationHold(Duration hold, Duration paymentGrace, Duration checkSpacing) {
}
