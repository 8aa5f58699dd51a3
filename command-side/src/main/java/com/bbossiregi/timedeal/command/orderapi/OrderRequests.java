package com.bbossiregi.timedeal.command.orderapi;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which order each {@code Idempotency-Key} of a shopper names. The claim is committed on its own, before the order is
 * placed, so a request cut off at any later point leaves the key naming the order its retry must place or answer for.
 * A key is held for a time (the key's time to live); after that the same key starts a new order.
 */
@Repository
public class OrderRequests {

    /** The order a key names and the request it was first sent with; {@code first} when this call claimed it. */
    public record Claim(String orderId, long timeDealId, int quantity, boolean first) {
    }

    private final JdbcClient jdbc;

    public OrderRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for {@code orderId}, unless a request within {@code timeToLive} holds it already.
     *
     * @return this request's claim, or the earlier request's
     */
    public Claim claim(long userId, String key, String orderId, long timeDealId, int quantity, Duration timeToLive) {
        boolean claimed = jdbc.sql("""
                        INSERT INTO order_request (user_id, idempotency_key, order_id, time_deal_id, quantity, created_at)
                        VALUES (:user, :key, :order, :deal, :quantity, now())
                        ON CONFLICT (user_id, idempotency_key) DO UPDATE
                            SET order_id = EXCLUDED.order_id, time_deal_id = EXCLUDED.time_deal_id,
                                quantity = EXCLUDED.quantity, created_at = EXCLUDED.created_at
                            WHERE order_request.created_at < now() - make_interval(secs => :ttl)""")
                .param("user", userId).param("key", key).param("order", orderId)
                .param("deal", timeDealId).param("quantity", quantity).param("ttl", timeToLive.toSeconds())
                .update() == 1;
        if (claimed) {
            return new Claim(orderId, timeDealId, quantity, true);
        }
        return jdbc.sql("""
                        SELECT order_id, time_deal_id, quantity FROM order_request
                        WHERE user_id = :user AND idempotency_key = :key""")
                .param("user", userId).param("key", key)
                .query((rs, row) -> new Claim(rs.getString("order_id"), rs.getLong("time_deal_id"), rs.getInt("quantity"),
                        false))
                .single();
    }

    /** Forgets keys older than {@code timeToLive}; a claim overwrites them anyway, this only keeps the table small. */
    public int forgetExpired(Duration timeToLive) {
        return jdbc.sql("DELETE FROM order_request WHERE created_at < now() - make_interval(secs => :ttl)")
                .param("ttl", timeToLive.toSeconds())
                .update();
    }
}
