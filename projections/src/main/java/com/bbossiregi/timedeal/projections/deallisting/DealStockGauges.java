package com.bbossiregi.timedeal.projections.deallisting;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stock of every deal on sale (active or sold out), from the deal listing read model, as the gauge
 * {@value #METRIC} tagged {@code time_deal_id} and {@code state}: {@code total}, {@code reserved}, {@code sold} and
 * {@code available} (what the listing shows shoppers). The alert rules check the deal's invariant on them
 * ({@code reserved + sold <= total}, {@code available >= 0}). Read every {@code timedeal.metrics.stock-refresh} ({@link StockMetrics}); a deal
 * that leaves the sale leaves the gauge. Every node that runs the read model reports the same figures: aggregate
 * them with {@code max}, not {@code sum}.
 */
public class DealStockGauges {

    public static final String METRIC = "timedeal.deal.stock";
    private static final Logger log = LoggerFactory.getLogger(DealStockGauges.class);

    private final JdbcTemplate jdbc;
    private final MultiGauge gauge;
    private volatile boolean failing;

    public DealStockGauges(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.gauge = MultiGauge.builder(METRIC)
                .description("Stock of each deal on sale, from the deal listing read model")
                .register(registry);
    }

    public void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        try {
            jdbc.query("""
                    SELECT time_deal_id, stock_quantity, reserved_quantity, sold_quantity
                      FROM deal_listing_deal
                     WHERE status IN ('ACTIVE', 'SOLDOUT')
                    """, resultSet -> {
                String deal = Long.toString(resultSet.getLong(1));
                long total = resultSet.getLong(2);
                long reserved = resultSet.getLong(3);
                long sold = resultSet.getLong(4);
                rows.add(row(deal, "total", total));
                rows.add(row(deal, "reserved", reserved));
                rows.add(row(deal, "sold", sold));
                rows.add(row(deal, "available", total - reserved - sold));
            });
        } catch (DataAccessException e) {
            // Keeps the last figures; the readiness probe and the processors' alerts tell of a database gone.
            if (!failing) {
                log.warn("Deal stock gauges not refreshed: {}", e.getMostSpecificCause().getMessage());
            }
            failing = true;
            return;
        }
        failing = false;
        gauge.register(rows, true);
    }

    private static MultiGauge.Row<?> row(String deal, String state, long value) {
        return MultiGauge.Row.of(Tags.of("time_deal_id", deal, "state", state), value);
    }
}
