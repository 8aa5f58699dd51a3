package com.bbossiregi.timedeal.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.platform.axon.BoundedJCache;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.junit.jupiter.api.Test;

class CacheBypassingScopesTest {

    @Test
    void anAggregateDeadlineDropsOnlyThatAggregatesCachedCopy() {
        BoundedJCache cache = BoundedJCache.create("cache-bypassing-scopes-test", 10);
        cache.put("timedeal-1", "cached deal");
        cache.put("timedeal-2", "another deal");
        CacheBypassingScopes scopes = new CacheBypassingScopes(scope -> Stream.empty(), List.of(cache));

        scopes.provideScopeAwareStream(new AggregateScopeDescriptor("TimeDeal", "timedeal-1"));
        scopes.provideScopeAwareStream(new SagaScopeDescriptor("OrderSaga", "timedeal-2"));

        assertThat(cache.containsKey("timedeal-1")).isFalse();
        assertThat(cache.containsKey("timedeal-2")).isTrue();
        cache.close();
    }
}
