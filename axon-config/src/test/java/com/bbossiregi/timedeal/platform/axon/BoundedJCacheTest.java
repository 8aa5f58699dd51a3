package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedJCacheTest {

    @Test
    void anEntryOnlyTheCacheHoldsSurvivesGarbageCollection() {
        try (BoundedJCache cache = BoundedJCache.create("test", 100)) {
            Object deal = new Object();
            WeakReference<Object> cached = new WeakReference<>(deal);
            cache.put("timedeal-1", deal);
            deal = null;

            collectGarbage();

            assertThat(cached.get()).as("the cache holds its entry strongly").isNotNull();
            assertThat((Object) cache.get("timedeal-1")).isSameAs(cached.get());
        }
    }

    @Test
    void keepsEntriesUntilFullThenStaysAtItsBound() {
        try (BoundedJCache cache = BoundedJCache.create("test", 100)) {
            for (int i = 0; i < 100; i++) {
                cache.put("order-" + i, new Object());
            }
            collectGarbage();
            assertThat(cache.size()).isEqualTo(100);

            for (int i = 100; i < 1000; i++) {
                cache.put("order-" + i, new Object());
            }
            assertThat(cache.size()).isEqualTo(100);
        }
    }

    @Test
    void putIfAbsentRemoveAndComputeIfPresentBehaveLikeAMap() {
        try (BoundedJCache cache = BoundedJCache.create("test", 10)) {
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

    @Test
    void cachesOfTheSameNameAreSeparateAndAClosedOneIsReleased() {
        BoundedJCache first = BoundedJCache.create("orderCache", 10);
        try (BoundedJCache second = BoundedJCache.create("orderCache", 10)) {
            first.put("order-1", "first");
            assertThat((Object) second.get("order-1")).isNull();
            first.close();
            first.close();
            second.put("order-1", "second");
            assertThat((Object) second.get("order-1")).isEqualTo("second");
        }
    }

    /** Runs the collector until an object nobody holds is gone, so a weakly held entry would be gone too. */
    private static void collectGarbage() {
        WeakReference<Object> unreferenced = new WeakReference<>(new Object());
        List<byte[]> pressure = new ArrayList<>();
        for (int i = 0; i < 50 && unreferenced.get() != null; i++) {
            System.gc();
            pressure.add(new byte[1 << 20]);
            if (pressure.size() > 16) {
                pressure.clear();
            }
        }
        assertThat(unreferenced.get()).as("a garbage collection ran").isNull();
    }
}
