package com.bbossiregi.timedeal.query.live;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.api.timedeal.ReservedStockSoldEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReleasedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservationRejectedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCanceledEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealEndedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealLiveState;
import com.bbossiregi.timedeal.api.timedeal.TimeDealProductStatusChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealReactivatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealSoldOutEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStartedEvent;
import com.bbossiregi.timedeal.platform.web.RetryAfter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * This node's live stock: one reader tails the event store from the head it found at start-up, with its position
 * in memory only (no token store, no segments shared with other nodes), so every node sees every deal change
 * whichever node's command made it, and fans the changes out to this node's subscribers.
 * <p>
 * Each deal's state is folded from its own events. A deal is followed once someone subscribes to it (its state is
 * read from the store then) or from its creation on; the reader skips events a followed deal already contains
 * (by sequence number), so a state read from the store and the tail join without a gap or a double count.
 * <p>
 * Event ids: on a deal's stream, the deal's event sequence number, so a reconnecting client is replayed exactly the
 * changes after it from the store. On the all-deals stream, the reader's global position in the store; a
 * reconnecting client gets the current state of every deal that changed at or after that position.
 * <p>
 * Written here rather than taken from Axon: subscription queries do not cross JVMs without Axon Server, and a
 * streaming processor would share its token (and so its events) between nodes.
 */
public class LiveStockFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveStockFeed.class);
    static final String SNAPSHOT = "snapshot";
    static final String CHANGE = "change";

    private final EventStore eventStore;
    private final ObjectMapper json;
    private final LiveStockSettings settings;
    private final ScheduledExecutorService writers;
    private final ScheduledExecutorService heartbeats;
    private final AtomicInteger open = new AtomicInteger();
    /** Open streams by client address; an address with none has no entry. */
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();

    private final Object lock = new Object();
    /** Followed deals; guarded by {@link #lock}, like everything below. */
    private final Map<Long, Followed> deals = new HashMap<>();
    /** The last sequence the reader passed over, for deals not followed, so a late state from the store is caught. */
    private final Map<Long, Long> passedOver = new HashMap<>();
    private final Map<Long, Set<LiveSubscriber>> byDeal = new HashMap<>();
    private final Set<LiveSubscriber> allDeals = new LinkedHashSet<>();
    private long position = -1;
    private long startPosition = -1;

    private volatile boolean running;
    private Thread reader;

    private static final class Followed {
        TimeDealLiveState state;
        /**
         * A client whose last all-deals id is at or below this may lack the deal's current state: the reader's
         * position at the deal's last change; -1 when unknown (read from the store before the reader started).
         */
        long changedAt;

        Followed(TimeDealLiveState state, long changedAt) {
            this.state = state;
            this.changedAt = changedAt;
        }
    }

    public LiveStockFeed(EventStore eventStore, ObjectMapper json, LiveStockSettings settings) {
        this.eventStore = eventStore;
        this.json = LiveStateJson.mapper(json);
        this.settings = settings;
        this.writers = Executors.newScheduledThreadPool(settings.writerThreads(),
                new CustomizableThreadFactory("live-stock-writer-"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("live-stock-heartbeat-"));
    }

    // ---------------------------------------------------------------- subscribing

    /**
     * Takes a place for a new stream from {@code address}: one of the node's {@code max-subscribers}, and one of the
     * {@code max-subscribers-per-address} of that client address, so that one client cannot hold the node's places.
     *
     * @throws DomainException SERVICE_UNAVAILABLE when the node is full, RATE_LIMITED when the address is
     */
    Place admit(String address) {
        while (true) {
            int now = open.get();
            if (now >= settings.maxSubscribers()) {
                throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                        "This node serves as many live streams as it may; try again shortly");
            }
            if (open.compareAndSet(now, now + 1)) {
                break;
            }
        }
        boolean[] admitted = {false};
        byAddress.compute(address, (key, held) -> {
            int count = held == null ? 0 : held;
            if (count >= settings.maxSubscribersPerAddress()) {
                return held;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            // A stream the client closed gives its place back when the next heartbeat finds it gone.
            throw new DomainException(ErrorCode.RATE_LIMITED, "This address holds as many live streams as it may ("
                    + settings.maxSubscribersPerAddress() + "); close one first",
                    new RetryAfter(Math.max(1, settings.heartbeat().toSeconds())));
        }
        return new Place(address);
    }

    /** A stream's place, taken by {@link #admit}; given back once, when the stream ends or cannot start. */
    final class Place {
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Place(String address) {
            this.address = address;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                byAddress.computeIfPresent(address, (key, held) -> held <= 1 ? null : held - 1);
                open.decrementAndGet();
            }
        }
    }

    int openStreams() {
        return open.get();
    }

    /** Streams {@code address} holds on this node. */
    int openStreams(String address) {
        return byAddress.getOrDefault(address, 0);
    }

    /** Addresses holding a stream on this node. */
    int addresses() {
        return byAddress.size();
    }

    /**
     * Starts one deal's stream: its current state (or, with {@code lastEventId}, the changes after that sequence),
     * then every change; it ends after the deal's end or cancellation.
     *
     * @throws DomainException NOT_FOUND when no such deal was ever created
     */
    /** Takes {@code place} from {@link #admit}; gives it back itself when the stream cannot start. */
    void subscribe(long timeDealId, Long lastEventId, SseEmitter emitter, Place place) {
        LiveSubscriber subscriber = newSubscriber(timeDealId, emitter, place);
        TimeDealLiveState current;
        try {
            current = follow(timeDealId, subscriber);
        } catch (RuntimeException e) {
            place.release();
            throw e;
        }
        try {
            List<LiveFrame> first = new ArrayList<>();
            if (lastEventId == null || lastEventId > current.sequence()
                    || current.sequence() - lastEventId > settings.replayLimit()) {
                first.add(frame(SNAPSHOT, Long.toString(current.sequence()), current));
            } else if (lastEventId < current.sequence()) {
                first.addAll(replay(timeDealId, lastEventId, current.sequence()));
            }
            if (current.over()) {
                subscriber.end();
            }
            subscriber.start(first);
        } catch (RuntimeException e) {
            subscriber.gone();
            throw e;
        }
    }

    /**
     * Starts the stream of every live deal: the state of each of {@code liveDealIds} (the read model's list of
     * scheduled, active and sold-out deals) and of any other followed live deal, then every change of every deal,
     * new ones included. With {@code lastEventId} (a position), only deals that changed since then are sent first.
     */
    void subscribeAll(Collection<Long> liveDealIds, Long lastEventId, SseEmitter emitter, Place place) {
        try {
            for (long id : liveDealIds) {
                loadIfUnfollowed(id);
            }
        } catch (RuntimeException e) {
            place.release();
            throw e;
        }
        LiveSubscriber subscriber = newSubscriber(null, emitter, place);
        List<LiveFrame> first = new ArrayList<>();
        synchronized (lock) {
            boolean resumable = lastEventId != null && lastEventId >= startPosition && lastEventId <= position;
            String id = Long.toString(position);
            for (Followed followed : deals.values()) {
                boolean changedSince = followed.changedAt >= 0 && resumable && followed.changedAt >= lastEventId;
                boolean send = resumable
                        ? changedSince || (followed.changedAt < 0 && !followed.state.over())
                        : !followed.state.over();
                if (send) {
                    first.add(frame(SNAPSHOT, id, followed.state));
                }
            }
            allDeals.add(subscriber);
        }
        subscriber.start(first);
    }

    private LiveSubscriber newSubscriber(Long timeDealId, SseEmitter emitter, Place place) {
        LiveSubscriber subscriber = new LiveSubscriber(timeDealId, emitter, settings.subscriberQueue(),
                () -> settings.writeIntervalNanos(open.get()), writers,
                closed -> closed(closed, place));
        emitter.onCompletion(subscriber::gone);
        emitter.onTimeout(subscriber::gone);
        emitter.onError(e -> subscriber.gone());
        return subscriber;
    }

    private void closed(LiveSubscriber subscriber, Place place) {
        synchronized (lock) {
            if (subscriber.timeDealId == null) {
                allDeals.remove(subscriber);
            } else {
                Set<LiveSubscriber> followers = byDeal.get(subscriber.timeDealId);
                if (followers != null) {
                    followers.remove(subscriber);
                    if (followers.isEmpty()) {
                        byDeal.remove(subscriber.timeDealId);
                    }
                }
            }
        }
        place.release();
    }

    /** Follows the deal (reading it from the store if needed) and registers the subscriber, atomically. */
    private TimeDealLiveState follow(long timeDealId, LiveSubscriber subscriber) {
        TimeDealLiveState loaded = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            synchronized (lock) {
                Followed followed = joined(timeDealId, loaded);
                if (followed != null) {
                    byDeal.computeIfAbsent(timeDealId, id -> new LinkedHashSet<>()).add(subscriber);
                    return followed.state;
                }
            }
            loaded = load(timeDealId);
        }
        throw new IllegalStateException("Deal " + timeDealId + " changes faster than it can be read");
    }

    private void loadIfUnfollowed(long timeDealId) {
        TimeDealLiveState loaded = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            synchronized (lock) {
                if (joined(timeDealId, loaded) != null) {
                    return;
                }
            }
            try {
                loaded = load(timeDealId);
            } catch (DomainException gone) {
                return;
            }
        }
    }

    /** Under the lock: the followed deal, or {@code loaded} followed from now on unless the reader passed it by. */
    private Followed joined(long timeDealId, TimeDealLiveState loaded) {
        Followed followed = deals.get(timeDealId);
        if (followed != null || loaded == null) {
            return followed;
        }
        Long passed = passedOver.get(timeDealId);
        if (passed != null && passed > loaded.sequence()) {
            return null;
        }
        passedOver.remove(timeDealId);
        // What the store gave holds the changes the reader passed up to its position now, which clients at or past
        // it were sent; later ones in it the reader passes below (and marks) as it reaches them.
        followed = new Followed(loaded, position < 0 ? -1 : position - 1);
        deals.put(timeDealId, followed);
        return followed;
    }

    private TimeDealLiveState load(long timeDealId) {
        TimeDealLiveState state = null;
        DomainEventStream events = eventStore.readEvents(StreamIds.timeDeal(timeDealId), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            state = LiveStateFold.apply(state, event.getPayload(), event.getSequenceNumber(),
                    event.getTimestamp()).state();
        }
        if (state == null) {
            throw DomainException.notFound("Time deal");
        }
        return state;
    }

    /** The changes after {@code after} up to and including {@code upTo}, read from the store. */
    private List<LiveFrame> replay(long timeDealId, long after, long upTo) {
        List<LiveFrame> frames = new ArrayList<>();
        TimeDealLiveState state = null;
        DomainEventStream events = eventStore.readEvents(StreamIds.timeDeal(timeDealId), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getSequenceNumber() > upTo) {
                break;
            }
            LiveStateFold.Step step = LiveStateFold.apply(state, event.getPayload(), event.getSequenceNumber(),
                    event.getTimestamp());
            state = step.state();
            if (event.getSequenceNumber() > after && step.changed()) {
                frames.add(frame(CHANGE, Long.toString(state.sequence()), state));
            }
        }
        return frames;
    }

    // ---------------------------------------------------------------- reading the store

    private void read() {
        TrackingToken token = eventStore.createHeadToken();
        synchronized (lock) {
            position = token == null ? -1 : token.position().orElse(-1);
            startPosition = position;
        }
        while (running) {
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(token)) {
                while (running) {
                    if (stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
                        TrackedEventMessage<?> event = stream.nextAvailable();
                        token = event.trackingToken();
                        handle(event, token.position().orElse(-1));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Live stock reader failed; reopening the event stream in a second", e);
                    sleepQuietly();
                }
            }
        }
    }

    private void handle(TrackedEventMessage<?> event, long eventPosition) {
        boolean dealEvent = event instanceof DomainEventMessage<?>
                && LiveStateFold.DEAL_EVENTS.contains(event.getPayloadType());
        if (!dealEvent) {
            synchronized (lock) {
                position = Math.max(position, eventPosition);
            }
            return;
        }
        Object payload = event.getPayload();
        long sequence = ((DomainEventMessage<?>) event).getSequenceNumber();
        long timeDealId = timeDealIdOf(payload);
        synchronized (lock) {
            position = Math.max(position, eventPosition);
            Followed followed = deals.get(timeDealId);
            if (followed == null) {
                if (!(payload instanceof TimeDealCreatedEvent)) {
                    passedOver.merge(timeDealId, sequence, Math::max);
                    return;
                }
            } else if (sequence <= followed.state.sequence()) {
                // Already in a state read from the store; it may have been a change clients before here lack.
                followed.changedAt = Math.max(followed.changedAt, position);
                return;
            }
            LiveStateFold.Step step = LiveStateFold.apply(followed == null ? null : followed.state, payload, sequence,
                    event.getTimestamp());
            if (followed == null) {
                followed = new Followed(step.state(), position);
                deals.put(timeDealId, followed);
            }
            followed.state = step.state();
            if (step.changed()) {
                followed.changedAt = position;
                publish(step.state());
            }
        }
    }

    /** Under the lock: hands the change to every interested subscriber without waiting for any of them. */
    private void publish(TimeDealLiveState state) {
        Set<LiveSubscriber> followers = byDeal.get(state.timeDealId());
        if (followers != null) {
            LiveFrame change = frame(CHANGE, Long.toString(state.sequence()), state);
            for (LiveSubscriber subscriber : followers) {
                subscriber.offer(change);
                if (state.over()) {
                    subscriber.end();
                }
            }
        }
        if (!allDeals.isEmpty()) {
            LiveFrame change = frame(CHANGE, Long.toString(position), state);
            for (LiveSubscriber subscriber : allDeals) {
                subscriber.offer(change);
            }
        }
    }

    private static long timeDealIdOf(Object payload) {
        if (payload instanceof TimeDealCreatedEvent e) {
            return e.timeDealId();
        } else if (payload instanceof StockReservedEvent e) {
            return e.timeDealId();
        } else if (payload instanceof StockReleasedEvent e) {
            return e.timeDealId();
        } else if (payload instanceof ReservedStockSoldEvent e) {
            return e.timeDealId();
        } else if (payload instanceof StockReservationRejectedEvent e) {
            return e.timeDealId();
        } else if (payload instanceof TimeDealSoldOutEvent e) {
            return e.timeDealId();
        } else if (payload instanceof TimeDealReactivatedEvent e) {
            return e.timeDealId();
        } else if (payload instanceof TimeDealStartedEvent e) {
            return e.timeDealId();
        } else if (payload instanceof TimeDealEndedEvent e) {
            return e.timeDealId();
        } else if (payload instanceof TimeDealCanceledEvent e) {
            return e.timeDealId();
        } else if (payload instanceof TimeDealChangedEvent e) {
            return e.timeDealId();
        } else if (payload instanceof TimeDealProductStatusChangedEvent e) {
            return e.timeDealId();
        }
        throw new IllegalArgumentException("Not a deal event: " + payload.getClass().getName());
    }

    private LiveFrame frame(String name, String id, TimeDealLiveState state) {
        try {
            return LiveFrame.event(state.timeDealId(), id, name, json.writeValueAsString(state));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void heartbeat() {
        List<LiveSubscriber> everyone = new ArrayList<>();
        synchronized (lock) {
            everyone.addAll(allDeals);
            byDeal.values().forEach(everyone::addAll);
        }
        everyone.forEach(LiveSubscriber::heartbeat);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void start() {
        running = true;
        reader = new Thread(this::read, "live-stock-reader");
        reader.setDaemon(true);
        reader.start();
        long every = settings.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Ends every open stream first, so a graceful shutdown does not wait for clients that never hang up. */
    @Override
    public void stop() {
        running = false;
        List<LiveSubscriber> everyone = new ArrayList<>();
        synchronized (lock) {
            everyone.addAll(allDeals);
            byDeal.values().forEach(everyone::addAll);
        }
        everyone.forEach(LiveSubscriber::close);
        heartbeats.shutdownNow();
        if (reader != null) {
            reader.interrupt();
        }
        writers.shutdown();
        try {
            writers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Reading needs the event store; streams end before the web server's graceful shutdown waits for requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
