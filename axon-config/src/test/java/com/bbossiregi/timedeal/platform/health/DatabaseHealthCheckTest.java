package com.bbossiregi.timedeal.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DatabaseHealthCheckTest {

    @Test
    void aRefusedConnectionIsReportedWithItsReason() throws SQLException {
        DataSource dataSource = mock(DataSource.class);
        when(dataSource.getConnection()).thenThrow(new SQLException("Connection to localhost:5432 refused."));
        DatabaseHealthCheck check = new DatabaseHealthCheck(dataSource, Duration.ofSeconds(1));
        try {
            assertThat(check.check()).isEqualTo("error: Connection to localhost:5432 refused.");
        } finally {
            check.destroy();
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsReportedWithinTheTimeout() throws SQLException {
        CountDownLatch never = new CountDownLatch(1);
        DataSource dataSource = mock(DataSource.class);
        when(dataSource.getConnection()).thenAnswer(invocation -> {
            never.await();
            return null;
        });
        DatabaseHealthCheck check = new DatabaseHealthCheck(dataSource, Duration.ofMillis(300));
        try {
            long started = System.nanoTime();
            assertThat(check.check()).isEqualTo("error: no answer within 300ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        } finally {
            check.destroy();
        }
    }

    @Test
    void theReasonIsTheInnermostCausesFirstLineCutShort() {
        SQLException root = new SQLException("FATAL: the database system is shutting down\n  Detail: more");
        RuntimeException wrapped = new RuntimeException("Failed to obtain JDBC Connection", root);
        assertThat(DatabaseHealthCheck.shortReason(wrapped)).isEqualTo("FATAL: the database system is shutting down");
        assertThat(DatabaseHealthCheck.shortReason(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(DatabaseHealthCheck.shortReason(new SQLException("x".repeat(500)))).hasSize(123).endsWith("...");
    }
}
