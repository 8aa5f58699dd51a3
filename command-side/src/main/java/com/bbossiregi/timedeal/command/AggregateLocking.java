package com.bbossiregi.timedeal.command;

import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How a command waits for its aggregate's lock. On a hot deal a hundred orders queue on the one deal. Axon's default
 * lock waits in attempts of 10 ms and looks for a deadlock among all lock holders after each: a queue of a hundred
 * threads woke ten thousand times a second for nothing, which cost more CPU than the orders themselves (the
 * benchmark's profile). A waiting thread is handed the lock when it is released whatever the attempt's length, so
 * attempts of a second keep the same order and the same deadlock detection at a hundredth of the wake-ups; thirty of
 * them bound the wait at thirty seconds (the default bounded it at sixty).
 */
@Configuration(proxyBeanMethods = false)
class AggregateLocking {

    @Bean
    LockFactory aggregateLocks() {
        return PessimisticLockFactory.builder().lockAttemptTimeout(1000).acquireAttempts(30).build();
    }
}
