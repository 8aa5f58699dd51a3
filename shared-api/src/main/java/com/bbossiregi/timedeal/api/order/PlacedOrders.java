package com.bbossiregi.timedeal.api.order;

import java.util.List;

/** What a {@link PlaceOrdersCommand} came to: one {@link PlacedOrder} per order, in the command's order. */
public record PlacedOrders(List<PlacedOrder> placements) {
}
