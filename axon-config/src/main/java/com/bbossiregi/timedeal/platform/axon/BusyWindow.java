package com.bbossiregi.timedeal.platform.axon;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * How busy a component was over the last window, for its {@code capacity} gauge: the time it spent handling messages
 * within the window, over the window (2.0 is two threads busy throughout). Each message's handling time counts at the
 * instant it ended, into one of {@link #BUCKETS} buckets that each cover a sixtieth of the window, so the window moves
 * on a bucket at a time and covers between 59 and 60 sixtieths of it.
 * <p>
 * Written here because Axon's {@code SlidingTimeWindowReservoir}, the only window its capacity monitor has, keeps an
 * entry of a skip list for every message until the window has passed it (at 15 s and a few thousand events a second,
 * tens of thousands of entries a component, each a node and two boxed numbers that live long enough to be promoted):
 * 2 % of the application's samples under the hot deal (docs/benchmarks.md round 35) for one figure a scrape.
 */
final class BusyWindow {

    static final int BUCKETS = 60;

    private final Clock clock;
    private final long windowNanos;
    private final long bucketNanos;
    /** Per slot, the busy nanoseconds of the bucket it holds, and which bucket that is (its start over bucketNanos). */
    private final long[] busyNanos = new long[BUCKETS];
    private final long[] bucketOf = new long[BUCKETS];

    BusyWindow(Duration window, Clock clock) {
        this.clock = clock;
        this.bucketNanos = Math.max(1, window.toNanos() / BUCKETS);
        this.windowNanos = bucketNanos * BUCKETS;
        Arrays.fill(bucketOf, Long.MIN_VALUE);
    }

    /** Counts a message handled in {@code nanos}, ending now. */
    void add(long nanos) {
        long bucket = Math.floorDiv(clock.monotonicTime(), bucketNanos);
        int slot = slot(bucket);
        // One lock for a few arithmetic steps: a processor's messages come from its own threads one at a time, and
        // what is cheaper without it (a lock-free reset of a slot) loses counts when two threads start a bucket.
        synchronized (this) {
            if (bucketOf[slot] != bucket) {
                bucketOf[slot] = bucket;
                busyNanos[slot] = 0;
            }
            busyNanos[slot] += nanos;
        }
    }

    /** The share of the window spent handling messages. */
    double busyShare() {
        long oldest = Math.floorDiv(clock.monotonicTime(), bucketNanos) - BUCKETS + 1;
        long busy = 0;
        synchronized (this) {
            for (int slot = 0; slot < BUCKETS; slot++) {
                if (bucketOf[slot] >= oldest) {
                    busy += busyNanos[slot];
                }
            }
        }
        return (double) busy / windowNanos;
    }

    private static int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) BUCKETS);
    }
}
