package com.bbossiregi.timedeal.command.productpolicy;

import com.bbossiregi.timedeal.api.product.ProductStatusChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.RecordProductStatusCommand;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a product's status changes, its deals are told: a deal whose product is inactive or deleted does not start.
 * The policy keeps which deals each product has from the deals' creation events. Its commands are idempotent (a deal
 * records a status it already has once), so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(ProductDealsPolicy.GROUP)
public class ProductDealsPolicy {

    public static final String GROUP = "product-deals";

    private final JdbcClient jdbc;

    public ProductDealsPolicy(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TimeDealCreatedEvent event) {
        jdbc.sql("INSERT INTO product_deal (product_id, time_deal_id) VALUES (:product, :deal) ON CONFLICT DO NOTHING")
                .param("product", event.productId()).param("deal", event.timeDealId())
                .update();
    }

    @EventHandler
    void on(ProductStatusChangedEvent event, CommandGateway commands) {
        List<Long> deals = jdbc.sql("SELECT time_deal_id FROM product_deal WHERE product_id = :product ORDER BY 1")
                .param("product", event.productId())
                .query(Long.class).list();
        for (long timeDealId : deals) {
            commands.sendAndWait(new RecordProductStatusCommand(timeDealId, event.status()));
        }
    }
}
