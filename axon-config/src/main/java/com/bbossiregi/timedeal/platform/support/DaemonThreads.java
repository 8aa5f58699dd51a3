package com.bbossiregi.timedeal.platform.support;

import java.util.concurrent.ThreadFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Threads for the node's own background work (timers, cleaners, calls with a deadline): daemons, so none of them holds
 * the JVM open once the application context has closed, and named, so a thread dump tells what each one does.
 * Spring's {@link CustomizableThreadFactory} makes them; this only gives the one setting every such executor here
 * shares, instead of a factory lambda in each.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** @return a factory of daemon threads named {@code name-1}, {@code name-2}, ... */
    public static ThreadFactory named(String name) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-");
        threads.setDaemon(true);
        return threads;
    }
}
