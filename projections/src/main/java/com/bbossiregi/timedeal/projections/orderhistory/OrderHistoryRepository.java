package com.bbossiregi.timedeal.projections.orderhistory;

import com.bbossiregi.timedeal.api.common.PageMeta;
import com.bbossiregi.timedeal.api.common.PageRequest;
import com.bbossiregi.timedeal.api.order.OrderPage;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.platform.axon.deadletter.BatchWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * The order history read model: written by {@link OrderHistoryProjection}, read by the query side. Updates apply
 * only when the order's event is newer than the last one applied, so a redelivered event changes nothing.
 *
 * <p>An order is placed with two events in one commit ({@code OrderPlacedEvent}, then reserved or failed), and under
 * load a processor's batch holds many orders. So an order placed in the batch being handled is kept in memory
 * ({@link PlacedInBatch}) while the batch goes on, its later events applied to it there, and every such order is
 * written in one statement batch as the batch commits: one round trip for the batch's new orders instead of two
 * statements for each ({@link BatchWrites}; when the handler must write at once, it does, as before).
 */
@Repository
public class OrderHistoryRepository {

    private static final String SELECT_ORDER = """
            SELECT order_id, user_id, time_deal_id, quantity, unit_price, total_price, status,
                   created_at, updated_at, reserved_at, confirmed_at, canceled_at
              FROM order_history
            """;

    /**
     * A new order: its row as placed, with any status its later events gave it. Written as a whole; over a row that
     * exists already (a batch handled twice), it replaces it only when it carries a later event, which leaves the row as
     * applying those events one by one would: each column is what the order's events up to that one made it.
     */
    private static final String INSERT_PLACED = """
            INSERT INTO order_history
                   (order_id, user_id, time_deal_id, quantity, unit_price, total_price, status,
                    created_at, updated_at, reserved_at, confirmed_at, canceled_at, last_event_sequence)
            VALUES (:orderId, :userId, :timeDealId, :quantity, :unitPrice, :totalPrice, :status,
                    :placedAt, :updatedAt, :reservedAt, :confirmedAt, :canceledAt, :sequence)
            ON CONFLICT (order_id) DO UPDATE
               SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, reserved_at = EXCLUDED.reserved_at,
                   confirmed_at = EXCLUDED.confirmed_at, canceled_at = EXCLUDED.canceled_at,
                   last_event_sequence = EXCLUDED.last_event_sequence
             WHERE order_history.last_event_sequence < EXCLUDED.last_event_sequence
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public OrderHistoryRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void addOrder(OrderPlacedEvent event, long sequence, Instant placedAt) {
        PlacedRow placed = new PlacedRow(event, sequence, placedAt);
        placedInBatch().ifPresentOrElse(batch -> batch.add(placed),
                () -> jdbc.update(INSERT_PLACED, placed.parameters()));
    }

    public void markReserved(String orderId, long sequence, Instant reservedAt) {
        if (inBatch(orderId, row -> row.change(OrderStatus.RESERVED, sequence, reservedAt))) {
            return;
        }
        jdbc.update("""
                UPDATE order_history
                   SET status = :status, reserved_at = :at, updated_at = :at, last_event_sequence = :sequence
                 WHERE order_id = :orderId AND last_event_sequence < :sequence
                """, transition(orderId, OrderStatus.RESERVED, sequence, reservedAt));
    }

    public void markFailed(String orderId, long sequence, Instant failedAt) {
        if (inBatch(orderId, row -> row.change(OrderStatus.FAILED, sequence, failedAt))) {
            return;
        }
        jdbc.update("""
                UPDATE order_history
                   SET status = :status, updated_at = :at, last_event_sequence = :sequence
                 WHERE order_id = :orderId AND last_event_sequence < :sequence
                """, transition(orderId, OrderStatus.FAILED, sequence, failedAt));
    }

    public void markConfirmed(String orderId, long sequence, Instant confirmedAt) {
        if (inBatch(orderId, row -> row.change(OrderStatus.CONFIRMED, sequence, confirmedAt))) {
            return;
        }
        jdbc.update("""
                UPDATE order_history
                   SET status = :status, confirmed_at = :at, updated_at = :at, last_event_sequence = :sequence
                 WHERE order_id = :orderId AND last_event_sequence < :sequence
                """, transition(orderId, OrderStatus.CONFIRMED, sequence, confirmedAt));
    }

    public void markCanceled(String orderId, long sequence, Instant canceledAt) {
        if (inBatch(orderId, row -> row.change(OrderStatus.CANCELED, sequence, canceledAt))) {
            return;
        }
        jdbc.update("""
                UPDATE order_history
                   SET status = :status, canceled_at = :at, updated_at = :at, last_event_sequence = :sequence
                 WHERE order_id = :orderId AND last_event_sequence < :sequence
                """, transition(orderId, OrderStatus.CANCELED, sequence, canceledAt));
    }

    /** A change that leaves the status as it is, such as the order giving its stock back. */
    public void touch(String orderId, long sequence, Instant at) {
        if (inBatch(orderId, row -> row.change(null, sequence, at))) {
            return;
        }
        jdbc.update("""
                UPDATE order_history
                   SET updated_at = :at, last_event_sequence = :sequence
                 WHERE order_id = :orderId AND last_event_sequence < :sequence
                """, new MapSqlParameterSource()
                .addValue("orderId", orderId)
                .addValue("sequence", sequence)
                .addValue("at", toTimestamp(at)));
    }

    /** Empties the read model so that a replay rebuilds it from the first event. */
    public void deleteAll() {
        jdbc.getJdbcTemplate().update("DELETE FROM order_history");
    }

    public Optional<OrderView> findById(String orderId) {
        return jdbc.query(SELECT_ORDER + " WHERE order_id = :orderId",
                        new MapSqlParameterSource("orderId", orderId), (rs, row) -> view(rs))
                .stream()
                .findFirst();
    }

    /** The user's orders, newest first; orders placed in the same instant keep a stable order by id. */
    public OrderPage findByUser(long userId, PageRequest page) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("userId", userId)
                .addValue("limit", page.perPage())
                .addValue("offset", page.offset());
        List<OrderView> items = jdbc.query(SELECT_ORDER + """
                 WHERE user_id = :userId
                 ORDER BY created_at DESC, order_id DESC
                 LIMIT :limit OFFSET :offset
                """, parameters, (rs, row) -> view(rs));
        Long total = jdbc.queryForObject(
                "SELECT count(*) FROM order_history WHERE user_id = :userId", parameters, Long.class);
        return new OrderPage(items, PageMeta.of(page, total == null ? 0 : total));
    }

    /** A deal's orders, oldest first, optionally only those with {@code status}. */
    public OrderPage findByTimeDeal(long timeDealId, OrderStatus status, PageRequest page) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("timeDealId", timeDealId)
                .addValue("status", status == null ? null : status.name())
                .addValue("limit", page.perPage())
                .addValue("offset", page.offset());
        String filter = " WHERE time_deal_id = :timeDealId AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)";
        List<OrderView> items = jdbc.query(SELECT_ORDER + filter + """
                 ORDER BY created_at, order_id
                 LIMIT :limit OFFSET :offset
                """, parameters, (rs, row) -> view(rs));
        Long total = jdbc.queryForObject("SELECT count(*) FROM order_history" + filter, parameters, Long.class);
        return new OrderPage(items, PageMeta.of(page, total == null ? 0 : total));
    }

    /** Every order of a deal, oldest first, in one list: for an audit that has to see them all. */
    public List<OrderView> findAllByTimeDeal(long timeDealId) {
        return jdbc.query(SELECT_ORDER + " WHERE time_deal_id = :timeDealId ORDER BY created_at, order_id",
                new MapSqlParameterSource("timeDealId", timeDealId), (rs, row) -> view(rs));
    }

    /** This batch's placed orders when the handler may hold its writes back; empty when it must write at once. */
    private Optional<PlacedInBatch> placedInBatch() {
        return BatchWrites.pending(PlacedInBatch.class, () -> new PlacedInBatch(jdbc));
    }

    /** Applies a change to the order in memory when it was placed in this batch and is not written yet. */
    private boolean inBatch(String orderId, Consumer<PlacedRow> change) {
        return placedInBatch().map(batch -> batch.change(orderId, change)).orElse(false);
    }

    /** The orders placed in one batch, by id, in the order they were placed; written together as it commits. */
    static final class PlacedInBatch implements BatchWrites.Pending {
        private final NamedParameterJdbcTemplate jdbc;
        private final Map<String, PlacedRow> rows = new LinkedHashMap<>();

        PlacedInBatch(NamedParameterJdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        void add(PlacedRow row) {
            rows.putIfAbsent(row.placed.orderId(), row);
        }

        boolean change(String orderId, Consumer<PlacedRow> change) {
            PlacedRow row = rows.get(orderId);
            if (row == null) {
                return false;
            }
            change.accept(row);
            return true;
        }

        @Override
        public void flush() {
            if (!rows.isEmpty()) {
                jdbc.batchUpdate(INSERT_PLACED, rows.values().stream().map(PlacedRow::parameters)
                        .toArray(SqlParameterSource[]::new));
            }
        }
    }

    /** An order placed in this batch, as its events so far made it: what the statements above would leave. */
    static final class PlacedRow {
        private final OrderPlacedEvent placed;
        private final Instant placedAt;
        private OrderStatus status = OrderStatus.PENDING;
        private Instant updatedAt;
        private Instant reservedAt;
        private Instant confirmedAt;
        private Instant canceledAt;
        private long sequence;

        PlacedRow(OrderPlacedEvent placed, long sequence, Instant placedAt) {
            this.placed = placed;
            this.placedAt = placedAt;
            this.updatedAt = placedAt;
            this.sequence = sequence;
        }

        /** @param newStatus null for a change that keeps the status (the row's {@code touch}) */
        void change(OrderStatus newStatus, long eventSequence, Instant at) {
            if (eventSequence <= sequence) {
                return;
            }
            sequence = eventSequence;
            updatedAt = at;
            if (newStatus == null) {
                return;
            }
            status = newStatus;
            switch (newStatus) {
                case RESERVED -> reservedAt = at;
                case CONFIRMED -> confirmedAt = at;
                case CANCELED -> canceledAt = at;
                default -> {
                }
            }
        }

        MapSqlParameterSource parameters() {
            return new MapSqlParameterSource()
                    .addValue("orderId", placed.orderId())
                    .addValue("userId", placed.userId())
                    .addValue("timeDealId", placed.timeDealId())
                    .addValue("quantity", placed.quantity())
                    .addValue("unitPrice", placed.unitPrice())
                    .addValue("totalPrice", placed.totalPrice())
                    .addValue("status", status.name())
                    .addValue("placedAt", toTimestamp(placedAt))
                    .addValue("updatedAt", toTimestamp(updatedAt))
                    .addValue("reservedAt", orNull(reservedAt))
                    .addValue("confirmedAt", orNull(confirmedAt))
                    .addValue("canceledAt", orNull(canceledAt))
                    .addValue("sequence", sequence);
        }

        private static OffsetDateTime orNull(Instant instant) {
            return instant == null ? null : toTimestamp(instant);
        }
    }

    private static MapSqlParameterSource transition(String orderId, OrderStatus status, long sequence, Instant at) {
        return new MapSqlParameterSource()
                .addValue("orderId", orderId)
                .addValue("status", status.name())
                .addValue("sequence", sequence)
                .addValue("at", toTimestamp(at));
    }

    private static OrderView view(ResultSet rs) throws SQLException {
        return new OrderView(
                rs.getString("order_id"),
                rs.getLong("user_id"),
                rs.getLong("time_deal_id"),
                rs.getInt("quantity"),
                rs.getLong("unit_price"),
                rs.getLong("total_price"),
                OrderStatus.valueOf(rs.getString("status")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "reserved_at"),
                instant(rs, "confirmed_at"),
                instant(rs, "canceled_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime toTimestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
