package com.bbossiregi.timedeal.platform.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL of the one-command run.
 *
 * @param dataDir        where the server keeps its files; a restart on the same folder replays the same store
 * @param port           the server's port; 0 picks a free one at each start
 * @param fsync          whether the server forces its writes to disk (PostgreSQL's {@code fsync}); off only for
 *                       throw-away data, since a machine crash can then corrupt the store
 * @param startupTimeout how long a start (crash recovery included) may take before it counts as failed
 * @param stopTimeout    how long a server left running by a killed run may take to stop before this start gives up
 */
@ConfigurationProperties("timedeal.database.embedded")
public record EmbeddedDatabaseProperties(
        @DefaultValue("./data/postgres") String dataDir,
        @DefaultValue("0") int port,
        @DefaultValue("true") boolean fsync,
        @DefaultValue("60s") Duration startupTimeout,
        @DefaultValue("60s") Duration stopTimeout) {
}
