package com.bbossiregi.timedeal.platform.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;

/**
 * The saga schema for more than one node: a saga is loaded with {@code FOR UPDATE}, so the row stays locked until the
 * loading transaction ends. Axon locks a saga only within one process, and {@code JdbcSagaStore} updates without a
 * version check; on two nodes a deadline firing on one and an event handled on the other could otherwise both load
 * the same saga and the later write would undo the earlier. With the lock the second waits, then reads the first's
 * result.
 */
public class LockingSagaSqlSchema extends PostgresSagaSqlSchema {

    public LockingSagaSqlSchema(SagaSchema sagaSchema) {
        super(sagaSchema);
    }

    @Override
    public PreparedStatement sql_loadSaga(Connection connection, String sagaId) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT "
                + String.join(", ", sagaSchema.serializedSagaColumn(), sagaSchema.sagaTypeColumn(),
                sagaSchema.revisionColumn())
                + " FROM " + sagaSchema.sagaEntryTable() + " WHERE " + sagaSchema.sagaIdColumn() + " = ? FOR UPDATE");
        statement.setString(1, sagaId);
        return statement;
    }
}
