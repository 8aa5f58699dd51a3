package com.bbossiregi.timedeal.platform.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * One component's Axon meters for the messages it handles, under the names, tags and timer settings that Axon's
 * {@code MessageTimerMonitor}, {@code MessageCountingMonitor} and {@code CapacityMonitor} give them, looked up once per
 * payload type and kept.
 * <p>
 * Axon's monitors build every meter again for each message (a builder, its tags, two durations, an id, and a look-up
 * in the registry; nine meters and a sliding window per message per component), and each of the four processors sees
 * every event: a quarter of what the application allocated under the hot deal, and about 4 % of its CPU. The meters
 * depend on the payload type only (the tags are built from it), so they are resolved on a type's first message.
 * <p>
 * Written here because Axon's monitors take a tag function of the message and so cannot know that its tags are the
 * same for every message of a type. The capacity is the same figure as Axon's over its window, kept in buckets
 * ({@link BusyWindow}) instead of an entry per message.
 */
final class PayloadTypeMeters implements MessageMonitor<Message<?>> {

    /** Which of Axon's meters a component has. */
    enum Parts {
        /** Timers, the capacity and the counters: a component that handles the message. */
        ALL(true, true, true),
        /** The counters only: a processor's events it has no handler for, the event bus's counters. */
        COUNTERS(false, false, true),
        /** The timers only: the event bus's timers. */
        TIMERS(true, false, false);

        final boolean timers;
        final boolean capacity;
        final boolean counters;

        Parts(boolean timers, boolean capacity, boolean counters) {
            this.timers = timers;
            this.capacity = capacity;
            this.counters = counters;
        }
    }

    /** Axon's settings for its message timers ({@code MessageTimerMonitor}). */
    private static final Duration TIMER_EXPIRY = Duration.ofMinutes(10);
    private static final double[] TIMER_PERCENTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

    private final String prefix;
    private final MeterRegistry registry;
    private final Function<Class<?>, Tags> tagsOf;
    private final Parts parts;
    private final long windowMillis;
    private final Clock clock = Clock.SYSTEM;
    private final Map<Class<?>, Meters> byType = new ConcurrentHashMap<>();

    /**
     * @param prefix       the component's name, the meters' prefix ({@code eventProcessor}, {@code commandBus})
     * @param tagsOf       the tags of a payload type's meters
     * @param windowMillis how far back the capacity looks
     */
    PayloadTypeMeters(String prefix, MeterRegistry registry, Function<Class<?>, Tags> tagsOf, Parts parts,
                      long windowMillis) {
        this.prefix = prefix;
        this.registry = registry;
        this.tagsOf = tagsOf;
        this.parts = parts;
        this.windowMillis = windowMillis;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Class<?> type = message.getPayloadType();
        Meters meters = byType.get(type);
        if (meters == null) {
            meters = byType.computeIfAbsent(type, this::register);
        }
        if (meters.ingested != null) {
            meters.ingested.increment();
        }
        return new Handling(meters, clock.monotonicTime());
    }

    private Meters register(Class<?> type) {
        Tags tags = tagsOf.apply(type);
        Meters meters = new Meters();
        if (parts.timers) {
            meters.allTimer = timer("allTimer", tags);
            meters.successTimer = timer("successTimer", tags);
            meters.failureTimer = timer("failureTimer", tags);
            meters.ignoredTimer = timer("ignoredTimer", tags);
        }
        if (parts.capacity) {
            BusyWindow window = new BusyWindow(Duration.ofMillis(windowMillis), clock);
            Gauge.builder(prefix + ".capacity", window, BusyWindow::busyShare)
                    .tags(tags).strongReference(true).register(registry);
            meters.capacity = window;
        }
        if (parts.counters) {
            meters.ingested = registry.counter(prefix + ".ingestedCounter", tags);
            meters.succeeded = registry.counter(prefix + ".successCounter", tags);
            meters.failed = registry.counter(prefix + ".failureCounter", tags);
            meters.processed = registry.counter(prefix + ".processedCounter", tags);
            meters.ignored = registry.counter(prefix + ".ignoredCounter", tags);
        }
        return meters;
    }

    private Timer timer(String name, Tags tags) {
        return Timer.builder(prefix + "." + name)
                .distributionStatisticExpiry(TIMER_EXPIRY)
                .publishPercentiles(TIMER_PERCENTILES)
                .tags(tags)
                .register(registry);
    }

    /** A payload type's meters; null where the component has none. Written once, before it is shared. */
    private static final class Meters {
        Timer allTimer;
        Timer successTimer;
        Timer failureTimer;
        Timer ignoredTimer;
        BusyWindow capacity;
        Counter ingested;
        Counter succeeded;
        Counter failed;
        Counter processed;
        Counter ignored;
    }

    private final class Handling implements MonitorCallback {

        private final Meters meters;
        private final long start;

        Handling(Meters meters, long start) {
            this.meters = meters;
            this.start = start;
        }

        @Override
        public void reportSuccess() {
            ended(meters.successTimer);
            if (meters.processed != null) {
                meters.processed.increment();
                meters.succeeded.increment();
            }
        }

        @Override
        public void reportFailure(Throwable cause) {
            ended(meters.failureTimer);
            if (meters.processed != null) {
                meters.processed.increment();
                meters.failed.increment();
            }
        }

        @Override
        public void reportIgnored() {
            ended(meters.ignoredTimer);
            if (meters.ignored != null) {
                meters.ignored.increment();
            }
        }

        private void ended(Timer outcome) {
            if (meters.allTimer == null && meters.capacity == null) {
                return;
            }
            long nanos = clock.monotonicTime() - start;
            if (meters.allTimer != null) {
                meters.allTimer.record(nanos, TimeUnit.NANOSECONDS);
                outcome.record(nanos, TimeUnit.NANOSECONDS);
            }
            if (meters.capacity != null) {
                meters.capacity.add(nanos);
            }
        }
    }
}
