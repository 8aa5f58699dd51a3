package com.bbossiregi.timedeal.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether the account behind a token may still act: a banned or inactive account, or one whose role changed since
 * the token was issued, loses access within {@code timedeal.security.account-status.remember-for} on every node, not
 * at its token's expiry. Reads the shared accounts
 * table, so it holds wherever the request lands (a query-side process included), and remembers each answer briefly so
 * that a shopper's burst of requests costs one query, not one per request.
 *
 * <p>Accounts not remembered are read together, by one reader thread: a caller queues its account and waits, and
 * the reader takes every account queued since its last read and reads them in one statement. In a flash sale every
 * shopper's first request misses, a thousand within a second; they cost a statement (and a pooled connection, taken
 * from the orders' commits) per read rather than per shopper. A caller is answered by a read that began after it
 * asked, never by one already under way, so an answer is never older than its question. Written here because
 * Caffeine's bulk loading reads what one caller asks for together, not what concurrent callers ask for one by one.
 */
public class AccountStatuses implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccountStatuses.class);

    private final JdbcClient jdbc;
    /** The role of each active account; empty for an account that may not act (banned, inactive, gone). */
    private final Cache<Long, Optional<String>> activeRoles;

    /** Accounts asked for and not read yet, with each caller's answer. */
    private final BlockingQueue<Asked> asked = new LinkedBlockingQueue<>();
    /** Counts {@link #forget} calls, so a read that overlapped one does not remember what it read. */
    private final AtomicLong forgotten = new AtomicLong();
    private volatile Thread reader;
    private volatile boolean closed;

    private record Asked(long userId, CompletableFuture<Optional<String>> answer) {
    }

    public AccountStatuses(JdbcClient jdbc, Duration rememberFor, long maximumAccounts) {
        this.jdbc = jdbc;
        this.activeRoles = Caffeine.newBuilder().expireAfterWrite(rememberFor).maximumSize(maximumAccounts).build();
    }

    /** @return true when the account exists, is {@code active} and still has the role its token names */
    public boolean allows(long userId, String tokenRole) {
        Optional<String> known = activeRoles.getIfPresent(userId);
        if (known == null) {
            try {
                known = read(userId);
            } catch (DataAccessException e) {
                // The token itself was verified; with the database away the request fails on its own work anyway,
                // and a read-only request should not become a 401 because the status could not be read.
                log.warn("Cannot read the status of account {}; letting the verified token through: {}", userId,
                        e.toString());
                return true;
            }
        }
        return known.filter(role -> role.equals(tokenRole)).isPresent();
    }

    /** Forgets what this process remembers of an account, so a change made here applies to its next request. */
    public void forget(long userId) {
        forgotten.incrementAndGet();
        activeRoles.invalidate(userId);
    }

    /** Stops the reader (the accounts still queued are read at once); later callers read their own account. */
    @Override
    public void close() {
        closed = true;
        Thread current = reader;
        if (current != null) {
            current.interrupt();
        }
    }

    /** The account's active role, read by the reader thread with the other accounts asked for meanwhile. */
    private Optional<String> read(long userId) {
        Asked mine = new Asked(userId, new CompletableFuture<>());
        asked.add(mine);
        if (closed && asked.remove(mine)) {
            // No reader takes it (closed before, or meanwhile after the reader's last look at the queue): read here.
            readAll(List.of(mine));
        } else {
            reader();
        }
        try {
            return mine.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void reader() {
        Thread current = reader;
        if (current == null || !current.isAlive()) {
            synchronized (this) {
                current = reader;
                // Started with the first miss, and again should it ever have died of an error.
                if ((current == null || !current.isAlive()) && !closed) {
                    current = new Thread(this::readWhileOpen, "account-status-reader");
                    current.setDaemon(true);
                    current.start();
                    reader = current;
                }
            }
        }
    }

    private void readWhileOpen() {
        List<Asked> batch = new ArrayList<>();
        try {
            while (!closed) {
                batch.add(asked.take());
                asked.drainTo(batch);
                readAll(batch);
                batch.clear();
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            // Stopped: whoever is still queued is read now, together.
            asked.drainTo(batch);
            if (!batch.isEmpty()) {
                readAll(batch);
            }
        }
    }

    /** One statement for the accounts of {@code batch}; each caller gets its account's role or the read's failure. */
    private void readAll(List<Asked> batch) {
        long forgottenBefore = forgotten.get();
        Map<Long, String> roles = new HashMap<>();
        try {
            jdbc.sql("SELECT id, role FROM user_account WHERE id = ANY(:ids) AND status = 'active'")
                    .param("ids", batch.stream().map(Asked::userId).distinct().toArray(Long[]::new))
                    .query(rs -> {
                        roles.put(rs.getLong(1), rs.getString(2));
                    });
        } catch (RuntimeException | Error e) {
            // Every caller of the batch is answered, or one would wait for ever; the reader goes on with the next.
            batch.forEach(waiting -> waiting.answer().completeExceptionally(e));
            return;
        }
        boolean remember = forgotten.get() == forgottenBefore;
        for (Asked waiting : batch) {
            Optional<String> role = Optional.ofNullable(roles.get(waiting.userId()));
            if (remember) {
                activeRoles.put(waiting.userId(), role);
            }
            waiting.answer().complete(role);
        }
    }
}
