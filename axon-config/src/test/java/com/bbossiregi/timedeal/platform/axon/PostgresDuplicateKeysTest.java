package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresDuplicateKeysTest {

    private final PostgresDuplicateKeys resolver = new PostgresDuplicateKeys();

    @Test
    void aUniqueViolationIsADuplicateKeyAlsoBehindABatchInsert() {
        SQLException violation = new SQLException("duplicate key value violates unique constraint", "23505");
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT ...", "23505", new int[0]);
        BatchUpdateException batchWithoutState = new BatchUpdateException("Batch entry 0 INSERT ...", new int[0]);
        batchWithoutState.setNextException(violation);

        assertThat(resolver.isDuplicateKeyViolation(violation)).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(batch)).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(batchWithoutState))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection lost", "08006"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no sql"))).isFalse();
    }
}
