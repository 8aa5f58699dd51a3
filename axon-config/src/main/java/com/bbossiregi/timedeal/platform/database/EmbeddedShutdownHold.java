package com.bbossiregi.timedeal.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded PostgreSQL library's own JVM shutdown hook from stopping a server, so that whoever started it
 * stops it, after everything that uses it. The library stops the server from a hook of its own, which runs alongside
 * Spring's context close (JVM hooks run concurrently): the database went away under the processors, the deadline
 * scheduler, in-flight requests and the connection pools, whose close then waited out their login timeout. The
 * library has no switch for that hook, so its "already closed" flag is raised (the hook then does nothing) and lowered
 * again by {@link #release()} just before its owner closes the server.
 */
public final class EmbeddedShutdownHold {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedShutdownHold.class);

    private final AtomicBoolean libraryClosed;

    private EmbeddedShutdownHold(AtomicBoolean libraryClosed) {
        this.libraryClosed = libraryClosed;
    }

    /** Takes the stop of {@code postgres} from the library's hook; a library version without the flag is left as is. */
    public static EmbeddedShutdownHold take(EmbeddedPostgres postgres) {
        try {
            Field closed = EmbeddedPostgres.class.getDeclaredField("closed");
            closed.setAccessible(true);
            AtomicBoolean flag = (AtomicBoolean) closed.get(postgres);
            flag.set(true);
            return new EmbeddedShutdownHold(flag);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Cannot keep the embedded PostgreSQL's own shutdown hook from stopping it early", e);
            return new EmbeddedShutdownHold(null);
        }
    }

    /** Gives the stop back, so that the server's {@code close()} stops it. */
    public void release() {
        if (libraryClosed != null) {
            libraryClosed.set(false);
        }
    }
}
