package com.bbossiregi.timedeal.platform.database;

import java.time.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded PostgreSQL of the one-command run.
 *
 * @param dataDir        where the server keeps its files (env {@code TIMEDEAL_DATA_DIR} too); a restart on the same
 *                       folder replays the same store
 * @param port           the server's port; 0 picks a free one at each start
 * @param fsync          whether the server forces its writes to disk and a commit returns only once it is there
 *                       (PostgreSQL's {@code fsync} and {@code synchronous_commit}); off only for throw-away data,
 *                       since a machine crash can then lose answered orders or corrupt the store
 * @param startupTimeout how long a start (crash recovery included) may take before it counts as failed
 * @param stopTimeout    how long a server left running by a killed run may take to stop before this start gives up
 */
@Validated
@ConfigurationProperties("timedeal.database.embedded")
public record EmbeddedDatabaseProperties(
        @DefaultValue("./data/postgres") @NotBlank String dataDir,
        @DefaultValue("0") @PositiveOrZero @Max(65535) int port,
        @DefaultValue("true") boolean fsync,
        @DefaultValue("60s") @DurationMin(seconds = 1) Duration startupTimeout,
        @DefaultValue("60s") @DurationMin(seconds = 1) Duration stopTimeout) {
}
