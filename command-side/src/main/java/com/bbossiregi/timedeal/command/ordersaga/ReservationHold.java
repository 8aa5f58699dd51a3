package com.bbossiregi.timedeal.command.ordersaga;

import java.time.Duration;

/**
 * How long a reserved order keeps its stock unpaid ({@code timedeal.orders.reservation-hold}, default 10 minutes),
 * and how much longer a payment already under way may take when the hold runs out before it is told to stop.
 */
public record ReservationHold(Duration hold, Duration paymentGrace) {
}
