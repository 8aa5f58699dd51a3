package com.bbossiregi.timedeal.projections.orderhistory;

import com.bbossiregi.timedeal.api.common.PageMeta;
import com.bbossiregi.timedeal.api.common.PageRequest;
import com.bbossiregi.timedeal.api.order.OrderPage;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The order history read model: written by {@link OrderHistoryProjection}, read by the query side. Updates apply
 * only when the order's event is newer than the last one applied, so a redelivered event changes nothing.
 */
@Repository
public class OrderHistoryRepository {

    private static final String SELECT_ORDER = """
            SELECT order_id, user_id, time_deal_id, quantity, unit_price, total_price, status,
                   created_at, updated_at, reserved_at, confirmed_at, canceled_at
              FROM order_history
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public OrderHistoryRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void addOrder(OrderPlacedEvent event, long sequence, Instant placedAt) {
        jdbc.update("""
                INSERT INTO order_history
                       (order_id, user_id, time_deal_id, quantity, unit_price, total_price, status,
                        created_at, updated_at, last_event_sequence)
                VALUES (:orderId, :userId, :timeDealId, :quantity, :unitPrice, :totalPrice, :status,
                        :placedAt, :placedAt, :sequence)
                ON CONFLICT (order_id) DO NOTHING
                """, new MapSqlParameterSource()
                .addValue("orderId", event.orderId())
                .addValue("userId", event.userId())
                .addValue("timeDealId", event.timeDealId())
                .addValue("quantity", event.quantity())
                .addValue("unitPrice", event.unitPrice())
                .addValue("totalPrice", event.totalPrice())
                .addValue("status", OrderStatus.PENDING.name())
                .addValue("placedAt", toTimestamp(placedAt))
                .addValue("sequence", sequence));
    }

    public void markReserved(String orderId, long sequence, Instant reservedAt) {
        jdbc.update("""
                UPDATE order_history
                   SET status = :status, reserved_at = :at, updated_at = :at, last_event_sequence = :sequence
                 WHERE order_id = :orderId AND last_event_sequence < :sequence
                """, transition(orderId, OrderStatus.RESERVED, sequence, reservedAt));
    }

    public void markFailed(String orderId, long sequence, Instant failedAt) {
        jdbc.update("""
                UPDATE order_history
                   SET status = :status, updated_at = :at, last_event_sequence = :sequence
                 WHERE order_id = :orderId AND last_event_sequence < :sequence
                """, transition(orderId, OrderStatus.FAILED, sequence, failedAt));
    }

    public void markConfirmed(String orderId, long sequence, Instant confirmedAt) {
        jdbc.update("""
                UPDATE order_history
                   SET status = :status, confirmed_at = :at, updated_at = :at, last_event_sequence = :sequence
                 WHERE order_id = :orderId AND last_event_sequence < :sequence
                """, transition(orderId, OrderStatus.CONFIRMED, sequence, confirmedAt));
    }

    public void markCanceled(String orderId, long sequence, Instant canceledAt) {
        jdbc.update("""
                UPDATE order_history
                   SET status = :status, canceled_at = :at, updated_at = :at, last_event_sequence = :sequence
                 WHERE order_id = :orderId AND last_event_sequence < :sequence
                """, transition(orderId, OrderStatus.CANCELED, sequence, canceledAt));
    }

    /** A change that leaves the status as it is, such as the order giving its stock back. */
    public void touch(String orderId, long sequence, Instant at) {
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
