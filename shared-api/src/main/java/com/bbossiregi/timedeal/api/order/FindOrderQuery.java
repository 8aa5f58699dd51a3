package com.bbossiregi.timedeal.api.order;

public record FindOrderQuery(String orderId) {
}
