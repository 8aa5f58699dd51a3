package com.bbossiregi.timedeal.api.product;

import com.bbossiregi.timedeal.api.common.PageMeta;
import java.util.List;

public record ProductPage(List<ProductDetail> items, PageMeta meta) {
}
