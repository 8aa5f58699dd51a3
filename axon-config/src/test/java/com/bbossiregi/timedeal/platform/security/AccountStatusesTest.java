package com.bbossiregi.timedeal.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The account status check on a real PostgreSQL: what it answers, what it remembers, that a burst of accounts it does
 * not know costs a few statements rather than one each, and that an outage lets every verified caller through
 * without leaving any of them waiting.
 */
class AccountStatusesTest {

    private static EmbeddedPostgres postgres;
    private static HikariDataSource pool;
    private static final CountingDataSource database = new CountingDataSource();
    private static JdbcClient jdbc;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        pool = new HikariDataSource();
        pool.setDataSource(postgres.getPostgresDatabase());
        pool.setMaximumPoolSize(10);
        database.setTargetDataSource(pool);
        jdbc = JdbcClient.create(pool);
        // The columns the check reads, as the accounts migration of the command side creates them.
        jdbc.sql("CREATE TABLE user_account (id BIGINT PRIMARY KEY, role TEXT NOT NULL, status TEXT NOT NULL)").update();
    }

    @AfterAll
    static void stop() throws Exception {
        pool.close();
        postgres.close();
    }

    @BeforeEach
    void accounts() {
        database.failing.set(false);
        database.delayMillis = 0;
        jdbc.sql("TRUNCATE user_account").update();
        jdbc.sql("""
                INSERT INTO user_account (id, role, status)
                SELECT n, CASE WHEN n = 2 THEN 'admin' ELSE 'user' END, CASE WHEN n = 3 THEN 'banned' ELSE 'active' END
                FROM generate_series(1, 1000) n""").update();
    }

    private final List<AccountStatuses> made = new ArrayList<>();

    private AccountStatuses statuses() {
        AccountStatuses statuses = new AccountStatuses(JdbcClient.create(database), Duration.ofMinutes(5), 10_000);
        made.add(statuses);
        return statuses;
    }

    @AfterEach
    void closeChecks() {
        made.forEach(AccountStatuses::close);
    }

    @Test
    void anActiveAccountActsWithTheRoleItHasAndNoOtherAccountActs() {
        AccountStatuses statuses = statuses();
        assertThat(statuses.allows(1, "user")).isTrue();
        assertThat(statuses.allows(1, "admin")).as("a role the account no longer has").isFalse();
        assertThat(statuses.allows(2, "admin")).isTrue();
        assertThat(statuses.allows(3, "user")).as("banned").isFalse();
        assertThat(statuses.allows(5000, "user")).as("no such account").isFalse();
    }

    @Test
    void aStatusIsRememberedUntilItIsForgotten() {
        AccountStatuses statuses = statuses();
        assertThat(statuses.allows(7, "user")).isTrue();
        jdbc.sql("UPDATE user_account SET status = 'banned' WHERE id = 7").update();
        int before = database.connections.get();
        assertThat(statuses.allows(7, "user")).as("remembered").isTrue();
        assertThat(database.connections.get()).isEqualTo(before);

        statuses.forget(7);
        assertThat(statuses.allows(7, "user")).as("read again after forget").isFalse();
    }

    @Test
    void manyAccountsAskedForAtOnceAreReadTogetherAndEachGetsItsOwnAnswer() throws Exception {
        AccountStatuses statuses = statuses();
        int callers = 400;
        int before = database.connections.get();
        // Each read takes a while, as on a busy pool: the accounts asked for meanwhile must wait for the next read.
        database.delayMillis = 20;
        List<Boolean> answers = askAtOnce(statuses, callers);
        for (int i = 0; i < callers; i++) {
            long account = i + 1;
            // Accounts 2 (an admin) and 3 (banned) are refused as a user; every other one is allowed.
            assertThat(answers.get(i)).as("account %d", account).isEqualTo(account != 2 && account != 3);
        }
        int reads = database.connections.get() - before;
        assertThat(reads).as("statements for %d accounts asked for at once", callers).isBetween(1, callers / 4);
    }

    @Test
    void withTheDatabaseAwayEveryCallerIsLetThroughAndNoneIsLeftWaiting() throws Exception {
        AccountStatuses statuses = statuses();
        database.failing.set(true);
        assertThat(askAtOnce(statuses, 100)).hasSize(100).containsOnly(true);
        // Nothing read during the outage was remembered: once the database is back, the banned account is refused.
        database.failing.set(false);
        assertThat(statuses.allows(3, "user")).isFalse();
        assertThat(statuses.allows(4, "user")).isTrue();
    }

    @Test
    void aClosedCheckStillAnswersReadingEachAccountItself() {
        AccountStatuses statuses = statuses();
        assertThat(statuses.allows(1, "user")).isTrue();
        statuses.close();
        assertThat(statuses.allows(8, "user")).isTrue();
        assertThat(statuses.allows(3, "user")).isFalse();
    }

    /** Accounts 1 to {@code callers} asked for as a user, each on a thread of its own, all let go at once. */
    private static List<Boolean> askAtOnce(AccountStatuses statuses, int callers) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch ready = new CountDownLatch(callers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> asked = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                long account = i + 1;
                asked.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return statuses.allows(account, "user");
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Boolean> answers = new ArrayList<>();
            for (Future<Boolean> answer : asked) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The pool, counting the connections taken (one a statement here), each taken {@code delayMillis} late, and
     * refusing them while {@code failing}.
     */
    private static final class CountingDataSource extends DelegatingDataSource {
        final AtomicInteger connections = new AtomicInteger();
        final AtomicBoolean failing = new AtomicBoolean();
        volatile long delayMillis;

        @Override
        public Connection getConnection() throws SQLException {
            if (failing.get()) {
                throw new SQLTransientConnectionException("the database is away (test)");
            }
            connections.incrementAndGet();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLTransientConnectionException("interrupted (test)");
                }
            }
            return super.getConnection();
        }
    }
}
