package com.bbossiregi.timedeal.query.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream: a bounded queue filled by the event store reader (which never blocks on it) and drained by a
 * writer thread. At most one writer drains a subscriber at a time, so its events stay in order; a writer stuck on a
 * slow socket holds up only this client. A client whose queue is full is disconnected, not waited for.
 * <p>
 * Written by hand because Spring's SseEmitter writes on the calling thread and has no queue of its own.
 */
final class LiveSubscriber {

    /** Events written per turn before the writer thread moves on to other clients. */
    private static final int BURST = 64;
    /** What SseEmitter itself writes its text as. */
    private static final MediaType SSE_TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    final Long timeDealId;
    private final SseEmitter emitter;
    private final BlockingQueue<LiveFrame> queue;
    private final Queue<LiveFrame> first = new ArrayDeque<>();
    private final Executor writers;
    private final Consumer<LiveSubscriber> onClosed;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean ready;
    private volatile boolean closing;

    /** @param timeDealId the deal followed, or null for every live deal */
    LiveSubscriber(Long timeDealId, SseEmitter emitter, int capacity, Executor writers,
            Consumer<LiveSubscriber> onClosed) {
        this.timeDealId = timeDealId;
        this.emitter = emitter;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writers = writers;
        this.onClosed = onClosed;
    }

    /** Never blocks; a full queue disconnects the client (it reconnects and is told what it missed). */
    void offer(LiveFrame frame) {
        if (closed.get()) {
            return;
        }
        if (!queue.offer(frame)) {
            closing = true;
        }
        schedule();
    }

    /** The frames before any queued one (the current state, a replay); nothing is written until this is called. */
    void start(List<LiveFrame> frames) {
        synchronized (first) {
            first.addAll(frames);
        }
        ready = true;
        schedule();
    }

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
            queue.clear();
            onClosed.accept(this);
        }
    }

    private void schedule() {
        if (ready && !closed.get() && scheduled.compareAndSet(false, true)) {
            try {
                writers.execute(this::drain);
            } catch (RuntimeException rejected) {
                scheduled.set(false);
                gone();
            }
        }
    }

    /**
     * Writes what is waiting, up to a burst, as one piece of text: one pass through Spring's converters and one flush
     * per turn instead of per event (with a thousand clients on a hot deal the per-event writes were most of the
     * node's CPU).
     */
    private void drain() {
        boolean end = false;
        try {
            StringBuilder text = new StringBuilder();
            for (int taken = 0; taken < BURST && !closed.get() && !closing; taken++) {
                LiveFrame frame;
                synchronized (first) {
                    frame = first.poll();
                }
                if (frame == null) {
                    frame = queue.poll();
                }
                if (frame == null) {
                    break;
                }
                if (frame.kind() == LiveFrame.Kind.END) {
                    end = true;
                    break;
                }
                text.append(frame.text());
            }
            if (!text.isEmpty() && !closed.get()) {
                emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(text.toString(), SSE_TEXT)));
            }
            if (end || closing) {
                finish();
                return;
            }
        } catch (IOException | RuntimeException e) {
            // The connection is gone (or the container already completed it); the container reports it too.
            gone();
        } finally {
            scheduled.set(false);
        }
        boolean more;
        synchronized (first) {
            more = !first.isEmpty();
        }
        if (!closed.get() && (closing || more || !queue.isEmpty())) {
            schedule();
        }
    }

    private void finish() {
        try {
            emitter.complete();
        } finally {
            gone();
        }
    }
}
