package com.bbossiregi.timedeal.command.order;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The first answer to each {@code Idempotency-Key} a shopper sent with {@code POST /orders}. */
@Repository
public class OrderRequests {

    /** A request under a key: which order it created and, once known, the answer it got. */
    public record Stored(String orderId, long timeDealId, int quantity, Answer answer) {
    }

    private final JdbcClient jdbc;

    public OrderRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when this request owns the key; false when an earlier request with the key exists */
    public boolean claim(long userId, String key, String orderId, long timeDealId, int quantity) {
        return jdbc.sql("""
                        INSERT INTO order_request (user_id, idempotency_key, order_id, time_deal_id, quantity)
                        VALUES (:user, :key, :order, :deal, :quantity)
                        ON CONFLICT (user_id, idempotency_key) DO NOTHING""")
                .param("user", userId).param("key", key).param("order", orderId)
                .param("deal", timeDealId).param("quantity", quantity)
                .update() == 1;
    }

    public Optional<Stored> find(long userId, String key) {
        return jdbc.sql("""
                        SELECT order_id, time_deal_id, quantity, response_status, response_body, response_location
                        FROM order_request WHERE user_id = :user AND idempotency_key = :key""")
                .param("user", userId).param("key", key)
                .query((rs, row) -> {
                    int status = rs.getInt("response_status");
                    Answer answer = rs.wasNull() ? null
                            : new Answer(status, rs.getString("response_body"), rs.getString("response_location"));
                    return new Stored(rs.getString("order_id"), rs.getLong("time_deal_id"), rs.getInt("quantity"), answer);
                })
                .optional();
    }

    public void complete(long userId, String key, Answer answer) {
        jdbc.sql("""
                        UPDATE order_request SET response_status = :status, response_body = :body, response_location = :location
                        WHERE user_id = :user AND idempotency_key = :key""")
                .param("status", answer.status()).param("body", answer.body()).param("location", answer.location())
                .param("user", userId).param("key", key)
                .update();
    }

    /** Frees a key whose request failed unexpectedly, so the client's retry is tried afresh. */
    public void release(long userId, String key) {
        jdbc.sql("DELETE FROM order_request WHERE user_id = :user AND idempotency_key = :key AND response_status IS NULL")
                .param("user", userId).param("key", key)
                .update();
    }
}
