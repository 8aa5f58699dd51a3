package com.bbossiregi.timedeal.query.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream: what waits to be written, filled by the event store reader (which never blocks on it) and
 * written by a writer thread. At most one writer serves a subscriber at a time, so its events stay in order; a writer
 * stuck on a slow socket holds up only this client.
 * <p>
 * A client that keeps up is written every change, a burst included. When more changes wait than its bound, because
 * it reads slowly or because the node is busy, what waits is cut down to the latest state of each deal: a frame
 * carries a deal's whole state, so the client skips intermediate values only, and the ids it skipped can still be
 * replayed from the store on a reconnect. Writes to one client are at least a write interval apart: what changes
 * sooner goes out together in the next write; the interval grows with the node's open streams, so that the node's
 * writes a second stay within its budget ({@link LiveStockSettings#writeIntervalNanos}). With a thousand clients on a
 * hot deal both keep what the node writes bounded (clients times writes a second, not changes times clients). What
 * waits for a client is never more than its bound or one state per deal, whichever is more, so a client that stops
 * reading costs little and is never waited for.
 * <p>
 * Written by hand because Spring's SseEmitter writes on the calling thread and has no queue of its own.
 */
final class LiveSubscriber {

    private static final Logger log = LoggerFactory.getLogger(LiveSubscriber.class);

    /** A comment line, which keeps an idle stream open. */
    private static final String HEARTBEAT = ":heartbeat\n\n";
    /** What SseEmitter itself writes its text as. */
    private static final MediaType SSE_TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    final Long timeDealId;
    private final SseEmitter emitter;
    private final int capacity;
    private final LongSupplier writeIntervalNanos;
    private final ScheduledExecutorService writers;
    private final Consumer<LiveSubscriber> onClosed;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Guards everything that waits to be written, below. */
    private final Object waitingLock = new Object();
    /** The frames before any change (the current state, a replay), written as they are. */
    private final List<LiveFrame> first = new ArrayList<>();
    /** Changes not written yet, in the order they came. */
    private final ArrayDeque<LiveFrame> changes = new ArrayDeque<>();
    /** More changes waiting than this are cut down to the latest of each deal. */
    private int cutAt;
    private boolean heartbeatDue;
    private boolean endDue;
    private volatile boolean ready;
    private volatile boolean closing;
    /** {@link System#nanoTime()} before which nothing more is written (the last write plus the interval). */
    private volatile long nextWriteAt = System.nanoTime();

    /**
     * @param timeDealId the deal followed, or null for every live deal
     * @param capacity      the most changes that may wait for this client before they are cut down to the latest
     *                      state of each deal
     * @param writeIntervalNanos the least time between two writes to this client, asked after each write (it grows
     *                      with the node's open streams)
     */
    LiveSubscriber(Long timeDealId, SseEmitter emitter, int capacity, LongSupplier writeIntervalNanos,
            ScheduledExecutorService writers, Consumer<LiveSubscriber> onClosed) {
        this.timeDealId = timeDealId;
        this.emitter = emitter;
        this.capacity = capacity;
        this.cutAt = capacity;
        this.writeIntervalNanos = writeIntervalNanos;
        this.writers = writers;
        this.onClosed = onClosed;
    }

    /** A deal's new state; never blocks. */
    void offer(LiveFrame change) {
        if (closed.get()) {
            return;
        }
        synchronized (waitingLock) {
            changes.add(change);
            if (changes.size() > cutAt) {
                keepLatestOfEachDeal();
                // Many deals waiting (the all-deals stream): cut again only once as many more came, not on every one.
                cutAt = Math.max(capacity, 2 * changes.size());
            }
        }
        schedule();
    }

    /** Under the lock: the latest waiting state of each deal, in the order of those states (ids keep rising). */
    private void keepLatestOfEachDeal() {
        LinkedHashMap<Long, LiveFrame> latest = new LinkedHashMap<>();
        for (LiveFrame change : changes) {
            latest.remove(change.timeDealId());
            latest.put(change.timeDealId(), change);
        }
        changes.clear();
        changes.addAll(latest.values());
    }

    /** A comment line, written only when nothing else waits (any write keeps the connection just as alive). */
    void heartbeat() {
        synchronized (waitingLock) {
            heartbeatDue = true;
        }
        schedule();
    }

    /** The stream ends once what waits has been written. */
    void end() {
        synchronized (waitingLock) {
            endDue = true;
        }
        schedule();
    }

    /** The frames before any change (the current state, a replay); nothing is written until this is called. */
    void start(List<LiveFrame> frames) {
        synchronized (waitingLock) {
            first.addAll(frames);
        }
        ready = true;
        schedule();
    }

    /** Ends the stream at once, without writing what waits (the node is stopping). */
    void close() {
        closing = true;
        schedule();
    }

    boolean isClosed() {
        return closed.get();
    }

    /** The client went away or the container ended the request; nothing more is written. */
    void gone() {
        if (closed.compareAndSet(false, true)) {
            synchronized (waitingLock) {
                first.clear();
                changes.clear();
            }
            onClosed.accept(this);
        }
    }

    private void schedule() {
        if (ready && !closed.get() && scheduled.compareAndSet(false, true)) {
            try {
                long wait = nextWriteAt - System.nanoTime();
                if (wait > 0 && !closing) {
                    writers.schedule(this::drain, wait, TimeUnit.NANOSECONDS);
                } else {
                    writers.execute(this::drain);
                }
            } catch (RuntimeException rejected) {
                scheduled.set(false);
                gone();
            }
        }
    }

    /**
     * Writes everything that waits as one piece of text: one pass through Spring's converters and one flush per turn
     * instead of per event.
     */
    private void drain() {
        try {
            if (closing) {
                finish();
                return;
            }
            StringBuilder text = new StringBuilder();
            boolean end = takeWaiting(text);
            if (!text.isEmpty() && !closed.get()) {
                emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(text.toString(), SSE_TEXT)));
                nextWriteAt = System.nanoTime() + writeIntervalNanos.getAsLong();
            }
            if (end || closing) {
                finish();
                return;
            }
        } catch (IOException clientGone) {
            // The connection is gone (Tomcat's ClientAbortException, Spring's AsyncRequestNotUsableException); the
            // container reports it too.
            gone();
        } catch (RuntimeException e) {
            if (emitterCompleted(e)) {
                gone();
            } else {
                failed(e);
            }
        } finally {
            scheduled.set(false);
        }
        if (!closed.get() && (closing || somethingWaits())) {
            schedule();
        }
    }

    /** Moves what waits into {@code text}, in order; true when the stream ends after it. */
    private boolean takeWaiting(StringBuilder text) {
        synchronized (waitingLock) {
            first.forEach(frame -> text.append(frame.text()));
            first.clear();
            changes.forEach(frame -> text.append(frame.text()));
            changes.clear();
            if (text.isEmpty() && heartbeatDue) {
                text.append(HEARTBEAT);
            }
            heartbeatDue = false;
            return endDue;
        }
    }

    private boolean somethingWaits() {
        synchronized (waitingLock) {
            return !first.isEmpty() || !changes.isEmpty() || heartbeatDue || endDue;
        }
    }

    /**
     * The emitter refused the write because the request was already completed (a timeout, the client gone, the stream
     * finished): {@link ResponseBodyEmitter} says so with an {@link IllegalStateException} of its own, without a
     * cause, and wraps any other failure of a write, with the failure as its cause.
     */
    private static boolean emitterCompleted(RuntimeException e) {
        return e instanceof IllegalStateException && e.getCause() == null;
    }

    /**
     * A write failed for another reason than the client (a fault of the node, a converter, the container): logged,
     * because nothing else would say so, and the response is ended so that the client is not left waiting on a stream
     * nobody writes; an EventSource reconnects and resumes from its last event id.
     */
    private void failed(RuntimeException e) {
        if (closed.get()) {
            return;
        }
        log.warn("Writing to a live-stock stream{} failed; the stream is ended so that the client reconnects",
                timeDealId == null ? "" : " of deal " + timeDealId, e);
        finish();
    }

    private void finish() {
        try {
            emitter.complete();
        } catch (RuntimeException alreadyEnded) {
            // The container ended the request meanwhile: nothing is left to complete.
        } finally {
            gone();
        }
    }
}
