package com.bbossiregi.timedeal.api.timedeal;

import com.bbossiregi.timedeal.api.common.PageMeta;
import java.util.List;

public record TimeDealPage(List<TimeDealSummary> items, PageMeta meta) {
}
