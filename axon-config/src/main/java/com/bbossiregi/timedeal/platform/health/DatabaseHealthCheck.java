package com.bbossiregi.timedeal.platform.health;

import com.bbossiregi.timedeal.platform.support.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether the database answers {@code SELECT 1} within two seconds. The query timeout alone does not bound the
 * wait: with the database gone, borrowing a pooled connection blocks for the pool's own (much longer) timeout.
 * So the check runs on a small pool of its own and the caller waits at most the timeout; checks still stuck
 * from earlier calls are not stacked up behind. It answers both the contract's {@code /api/v1/health} and the
 * readiness probe's {@code database} check ({@link DatabaseHealthIndicator}).
 */
public class DatabaseHealthCheck implements DisposableBean {

    public static final String OK = "ok";
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_CONCURRENT_CHECKS = 2;
    private static final int MAX_REASON_LENGTH = 120;

    private final JdbcTemplate jdbc;
    private final Duration timeout;
    private final ThreadPoolExecutor executor;

    public DatabaseHealthCheck(DataSource dataSource) {
        this(dataSource, TIMEOUT);
    }

    DatabaseHealthCheck(DataSource dataSource, Duration timeout) {
        this.timeout = timeout;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
        this.executor = new ThreadPoolExecutor(0, MAX_CONCURRENT_CHECKS, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), DaemonThreads.named("database-health-check"));
    }

    /** @return {@link #OK}, or {@code "error: <short reason>"} */
    public String check() {
        Future<Integer> answer;
        try {
            answer = executor.submit(() -> jdbc.queryForObject("SELECT 1", Integer.class));
        } catch (RejectedExecutionException e) {
            return "error: earlier checks are still waiting for the database";
        }
        try {
            answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return OK;
        } catch (TimeoutException e) {
            answer.cancel(true);
            return "error: no answer within " + describe(timeout);
        } catch (ExecutionException e) {
            return "error: " + shortReason(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "error: interrupted";
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /** The innermost cause's first line, because a driver's outer message repeats the SQL and little else. */
    static String shortReason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        String firstLine = message.strip().lines().findFirst().orElse("");
        return firstLine.length() <= MAX_REASON_LENGTH ? firstLine : firstLine.substring(0, MAX_REASON_LENGTH) + "...";
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
