package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void keepsEntriesUntilFullThenEvictsAndTellsListeners() {
        BoundedCache cache = new BoundedCache(100);
        List<Object> evicted = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                evicted.add(key);
            }
        });
        for (int i = 0; i < 100; i++) {
            cache.put("order-" + i, new Object());
        }
        System.gc();
        assertThat(cache.size()).isEqualTo(100);
        assertThat((Object) cache.get("order-0")).isNotNull();
        assertThat(evicted).isEmpty();

        for (int i = 100; i < 150; i++) {
            cache.put("order-" + i, new Object());
        }
        assertThat(cache.size()).isEqualTo(100);
        assertThat(evicted).hasSize(50);
    }

    @Test
    void putIfAbsentRemoveAndComputeIfPresentBehaveLikeAMap() {
        BoundedCache cache = new BoundedCache(10);
        assertThat(cache.putIfAbsent("deal", 1)).isTrue();
        assertThat(cache.putIfAbsent("deal", 2)).isFalse();
        cache.<Integer>computeIfPresent("deal", value -> value + 10);
        assertThat((Integer) cache.get("deal")).isEqualTo(11);
        assertThat(cache.containsKey("deal")).isTrue();
        assertThat(cache.remove("deal")).isTrue();
        assertThat(cache.remove("deal")).isFalse();
        assertThat((Object) cache.get("deal")).isNull();
    }
}
