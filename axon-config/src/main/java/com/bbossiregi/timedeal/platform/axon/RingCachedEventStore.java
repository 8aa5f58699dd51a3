package com.bbossiregi.timedeal.platform.axon;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import javax.annotation.Nonnull;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.axonframework.monitoring.MessageMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store of every node: Axon's {@code EmbeddedEventStore} in behaviour (one reader thread tails the storage
 * engine, woken by this node's commits and otherwise every fetch delay, and hands the recent events to every
 * tracking stream that is close enough to the head; a stream further behind reads the storage engine itself until it
 * catches up), with the recent events kept in a fixed ring instead of a linked list.
 * <p>
 * Why not Axon's own: its recent events are a chain of nodes, each pointing at the next, and a node that left the
 * cache is not unlinked (a stream may still stand on it). A generational collector treats every reference from the
 * old generation into the young one as live, so once one node reaches the old generation, which every full
 * collection does to the nodes it finds, every event read after it stays reachable from dead old nodes until the
 * next full collection: each event is promoted, and under the hot deal the old generation filled at several
 * megabytes a second, a full collection of 200-450 ms every half minute (docs/benchmarks.md, round 8). In a ring an
 * event is referenced by its slot only, and is garbage as soon as the slot is reused, young as a rule.
 * <p>
 * A stream in the ring stands on an index; the event at an index is read with its index, so a slot reused meanwhile
 * is noticed and the stream reads the store from its own token instead. A stream joins the ring where the event after
 * its token is (token equality, as Axon's store does) and otherwise reads the store.
 */
public final class RingCachedEventStore extends AbstractEventStore implements Lifecycle {

    private static final Logger log = LoggerFactory.getLogger(RingCachedEventStore.class);

    /** One event of the ring with its index (counting every event the reader handed on) and the token before it. */
    private record Slot(long index, TrackingToken previousToken, TrackedEventMessage<?> event) {
    }

    private final Slot[] ring;
    private final long fetchDelayNanos;
    private final boolean otherWriters;
    private final ThreadFactory threadFactory;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the reader published an event, and on shutdown. */
    private final Condition publishedCondition = lock.newCondition();
    /** Signalled when a commit of this node asks the reader to fetch. */
    private final Condition fetchCondition = lock.newCondition();
    private final Set<RingStream> streams = ConcurrentHashMap.newKeySet();

    /** Events published so far: the next event goes to index {@code published}. */
    private volatile long published;
    /** The token the reader started from (the token before index 0); set once, under the lock. */
    private volatile TrackingToken start;
    private volatile boolean readerStarted;
    private volatile boolean fetchRequested;
    private volatile boolean closed;

    private RingCachedEventStore(Builder builder) {
        super(builder);
        this.ring = new Slot[builder.capacity];
        this.fetchDelayNanos = builder.fetchDelay.toNanos();
        this.otherWriters = builder.otherWriters;
        this.threadFactory = builder.threadFactory;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        RingStream stream = new RingStream(trackingToken);
        streams.add(stream);
        return stream;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        fetchRequested = true;
        signal(fetchCondition);
    }

    @Override
    public void registerLifecycleHandlers(@Nonnull LifecycleRegistry handle) {
        handle.onShutdown(Phase.INBOUND_EVENT_CONNECTORS - 10, this::shutDown);
    }

    /** Closes every stream and stops the reader. */
    public void shutDown() {
        closed = true;
        streams.forEach(RingStream::close);
        signal(fetchCondition);
        signal(publishedCondition);
    }

    /** How many events the ring holds at most. */
    public int capacity() {
        return ring.length;
    }

    /** How long the reader waits after a read that found nothing new before it reads again. */
    public Duration fetchDelay() {
        return Duration.ofNanos(fetchDelayNanos);
    }

    // ------------------------------------------------------------------------------------------------ the reader

    /** Starts the reader at {@code token} unless it runs already; the index a stream at that token joins, or -1. */
    private long startReaderAt(TrackingToken token) {
        lock.lock();
        try {
            if (!readerStarted && !closed) {
                start = token;
                readerStarted = true;
                Thread reader = threadFactory.newThread(this::read);
                reader.setDaemon(true);
                reader.start();
            }
        } finally {
            lock.unlock();
        }
        return find(token);
    }

    /**
     * Reads, then waits for a wake-up or the fetch delay. A read goes on until the store has nothing more (the storage
     * engine's stream ends only with a batch that comes back empty, Axon's {@code BatchingEventStorageEngine}). Axon's
     * store reads again at once after a read that found events; where only this node appends, that read finds nothing
     * unless something committed meanwhile, whose wake-up asks for a read anyway, so it was a transaction and two
     * queries (the events', and Axon's look-ahead for a wide gap) for every read with events (docs/benchmarks.md, round
     * 18). Where other nodes append too ({@link Builder#otherWriters}) their commits wake nobody here, and the read
     * after a read with events stays: under load it picks their events up sooner than the fetch delay.
     */
    private void read() {
        while (!closed) {
            fetchRequested = false;
            if (fetch() && otherWriters) {
                continue;
            }
            lock.lock();
            try {
                if (!fetchRequested && !closed) {
                    fetchCondition.awaitNanos(fetchDelayNanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Reads what the store has after the newest event of the ring, to its end; true when it found any. */
    private boolean fetch() {
        long before = published;
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine().readEvents(newestToken(), false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext() && !closed) {
                publish(iterator.next());
            }
        } catch (Exception e) {
            log.error("Failed to read events from the event store; reading again in {} ms",
                    TimeUnit.NANOSECONDS.toMillis(fetchDelayNanos), e);
        }
        return published != before;
    }

    private TrackingToken newestToken() {
        long index = published - 1;
        return index < 0 ? start : ring[slot(index)].event().trackingToken();
    }

    /** Only the reader thread publishes: the slot is written before the count that makes it visible. */
    private void publish(TrackedEventMessage<?> event) {
        long index = published;
        ring[slot(index)] = new Slot(index, newestToken(), event);
        published = index + 1;
        signal(publishedCondition);
    }

    private void signal(Condition condition) {
        lock.lock();
        try {
            condition.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private int slot(long index) {
        return (int) (index % ring.length);
    }

    /** The ring's index of the event that follows {@code token}, or -1 when the ring does not know it. */
    private long find(TrackingToken token) {
        long head = published;
        if (head == 0) {
            return readerStarted && Objects.equals(start, token) ? 0 : -1;
        }
        Slot newest = ring[slot(head - 1)];
        if (newest.index() == head - 1 && Objects.equals(newest.event().trackingToken(), token)) {
            return head;
        }
        for (long index = head - 1; index >= Math.max(0, head - ring.length); index--) {
            Slot candidate = ring[slot(index)];
            if (candidate.index() != index) {
                break; // reused meanwhile: everything older is gone too
            }
            if (Objects.equals(candidate.previousToken(), token)) {
                return index;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------------ the streams

    /** One tracking stream; used by one processor thread at a time, as Axon's are. */
    private final class RingStream implements TrackingEventStream {

        private volatile TrackingToken lastToken;
        /** The ring's index of the next event, or -1 while reading the store itself. */
        private long next;
        private Stream<? extends TrackedEventMessage<?>> privateStream;
        private Iterator<? extends TrackedEventMessage<?>> privateEvents;
        private TrackedEventMessage<?> peeked;
        private volatile boolean streamClosed;

        private RingStream(TrackingToken start) {
            this.lastToken = start;
            this.next = find(start);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (peeked == null) {
                peeked = poll();
            }
            return Optional.ofNullable(peeked);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (peeked == null) {
                peeked = await(unit.toNanos(timeout));
            }
            return peeked != null;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (peeked == null) {
                peeked = await(TimeUnit.DAYS.toNanos(1));
            }
            TrackedEventMessage<?> result = peeked;
            peeked = null;
            return result;
        }

        private TrackedEventMessage<?> await(long nanos) throws InterruptedException {
            long deadline = System.nanoTime() + nanos;
            while (true) {
                long seen = published;
                TrackedEventMessage<?> event = poll();
                if (event != null || streamClosed || closed) {
                    return event;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                lock.lock();
                try {
                    if (published == seen && !streamClosed && !closed) {
                        publishedCondition.awaitNanos(left);
                    }
                } finally {
                    lock.unlock();
                }
            }
        }

        /** The next event if there is one now. */
        private TrackedEventMessage<?> poll() {
            if (streamClosed) {
                return null;
            }
            if (next >= 0) {
                TrackedEventMessage<?> event = fromRing();
                if (event != null || next >= 0) {
                    return event;
                }
            }
            return fromStore();
        }

        /** From the ring; leaves it (next = -1) when its event was overwritten, being too far behind. */
        private TrackedEventMessage<?> fromRing() {
            if (next >= published) {
                return null;
            }
            Slot slot = ring[slot(next)];
            if (slot == null || slot.index() != next) {
                next = -1;
                return null;
            }
            next++;
            lastToken = slot.event().trackingToken();
            return slot.event();
        }

        /** From the store, until it has nothing more; then the stream joins the ring where it stands. */
        private TrackedEventMessage<?> fromStore() {
            if (privateEvents == null) {
                privateStream = storageEngine().readEvents(lastToken, false);
                privateEvents = privateStream.iterator();
            }
            if (privateEvents.hasNext()) {
                TrackedEventMessage<?> event = privateEvents.next();
                lastToken = event.trackingToken();
                return event;
            }
            closePrivateStream();
            next = startReaderAt(lastToken);
            return next >= 0 ? fromRing() : null;
        }

        private void closePrivateStream() {
            if (privateStream != null) {
                privateStream.close();
                privateStream = null;
                privateEvents = null;
            }
        }

        @Override
        public void close() {
            streamClosed = true;
            streams.remove(this);
            closePrivateStream();
            signal(publishedCondition);
        }
    }

    // ------------------------------------------------------------------------------------------------ building

    /** Builds the store: the storage engine is required; 10 000 events, a fetch delay of a second by default. */
    public static final class Builder extends AbstractEventStore.Builder {

        private int capacity = 10_000;
        private Duration fetchDelay = Duration.ofSeconds(1);
        private boolean otherWriters;
        private ThreadFactory threadFactory = runnable -> new Thread(runnable, "event-store-reader");

        /** How many recent events the ring holds for the streams near the head. */
        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /** How long the reader waits, after a read that found nothing, before reading again (other nodes' events). */
        public Builder fetchDelay(Duration fetchDelay) {
            this.fetchDelay = fetchDelay;
            return this;
        }

        /**
         * Whether other processes (other nodes) append to the same store: their commits wake nobody here, so a read
         * that found events is followed by another at once instead of waiting for a wake-up or the fetch delay.
         */
        public Builder otherWriters(boolean otherWriters) {
            this.otherWriters = otherWriters;
            return this;
        }

        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = threadFactory;
            return this;
        }

        @Override
        public Builder storageEngine(EventStorageEngine storageEngine) {
            super.storageEngine(storageEngine);
            return this;
        }

        @Override
        public Builder messageMonitor(@Nonnull MessageMonitor<? super EventMessage<?>> messageMonitor) {
            super.messageMonitor(messageMonitor);
            return this;
        }

        @Override
        public Builder spanFactory(@Nonnull EventBusSpanFactory spanFactory) {
            super.spanFactory(spanFactory);
            return this;
        }

        public RingCachedEventStore build() {
            validate();
            return new RingCachedEventStore(this);
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            if (capacity < 1) {
                throw new AxonConfigurationException("The ring of recent events needs at least one slot");
            }
            if (fetchDelay == null || fetchDelay.isNegative()) {
                throw new AxonConfigurationException("The fetch delay must be zero or more");
            }
        }
    }
}
