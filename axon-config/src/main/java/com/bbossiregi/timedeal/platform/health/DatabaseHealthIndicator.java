package com.bbossiregi.timedeal.platform.health;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The readiness probe's {@code database} check: the same bounded {@code SELECT 1} as the contract's
 * {@code /api/v1/health}. It stands in for Boot's {@code db} indicator, which borrows from the pool and so, with the
 * database gone, blocks a probe for the pool's whole connection timeout.
 */
public class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private final DatabaseHealthCheck check;

    public DatabaseHealthIndicator(DatabaseHealthCheck check) {
        super("The database did not answer");
        this.check = check;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String result = check.check();
        if (DatabaseHealthCheck.OK.equals(result)) {
            builder.up();
        } else {
            builder.down().withDetail("reason", result);
        }
    }
}
