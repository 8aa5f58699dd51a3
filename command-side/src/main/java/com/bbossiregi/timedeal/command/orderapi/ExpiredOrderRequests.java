package com.bbossiregi.timedeal.command.orderapi;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes Idempotency-Keys past their time to live. A claim overwrites an expired key anyway; this only keeps the table
 * from growing. Every command node may run it: deleting what another node deleted already does nothing.
 */
@Component
class ExpiredOrderRequests {

    private final OrderRequests requests;
    private final OrderSettings settings;

    ExpiredOrderRequests(OrderRequests requests, OrderSettings settings) {
        this.requests = requests;
        this.settings = settings;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void forgetExpiredKeys() {
        requests.forgetExpired(settings.idempotencyKeyTtl());
    }
}
