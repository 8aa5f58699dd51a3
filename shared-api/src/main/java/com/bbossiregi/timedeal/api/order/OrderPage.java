package com.bbossiregi.timedeal.api.order;

import com.bbossiregi.timedeal.api.common.PageMeta;
import java.util.List;

public record OrderPage(List<OrderView> items, PageMeta meta) {
}
