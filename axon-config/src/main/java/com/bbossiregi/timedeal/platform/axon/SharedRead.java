package com.bbossiregi.timedeal.platform.axon;

import java.util.function.Supplier;

/**
 * One read at a time of a value many threads ask for at once (the event store's head, the processors' tokens), shared
 * between them: a caller gets the result of a read that began after it asked, so it never sees a value older than its
 * own question, and a hundred callers cost one read, not a hundred.
 *
 * <p>Written here because neither Axon nor Spring has a "coalescing read" that keeps this freshness rule.
 */
final class SharedRead<T> {

    private final Supplier<T> read;
    private final Object lock = new Object();
    /** Requests, numbered; a finished read covers every request numbered up to where it started. */
    private long requests;
    private long covers = -1;
    private T value;
    private boolean reading;

    SharedRead(Supplier<T> read) {
        this.read = read;
    }

    /** @return a value read after this call began; read by this thread or by another one under way for it */
    T get() {
        long startsAt;
        synchronized (lock) {
            long ticket = ++requests;
            while (reading && covers < ticket) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return read.get();
                }
            }
            if (covers >= ticket) {
                return value;
            }
            reading = true;
            startsAt = requests;
        }
        T result = null;
        boolean done = false;
        try {
            result = read.get();
            done = true;
            return result;
        } finally {
            synchronized (lock) {
                reading = false;
                if (done) {
                    covers = startsAt;
                    value = result;
                }
                lock.notifyAll();
            }
        }
    }
}
