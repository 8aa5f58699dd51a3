package com.bbossiregi.timedeal;

import com.bbossiregi.timedeal.command.CommandSideConfiguration;
import com.bbossiregi.timedeal.platform.database.EmbeddedServerEarlyStart;
import com.bbossiregi.timedeal.query.HealthConfiguration;
import com.bbossiregi.timedeal.query.QuerySideConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * One artifact for every role ({@code timedeal.role}): {@code all} (default) runs the command API, the sagas, the
 * read models and the query API in one process; {@code command} and {@code query} run one side each against a
 * shared PostgreSQL. Each side's configuration scans its own packages only when this node runs that side, so nothing
 * here scans the packages itself. The one-command run's embedded PostgreSQL starts while the context is read
 * ({@link EmbeddedServerEarlyStart}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CommandSideConfiguration.class, QuerySideConfiguration.class, HealthConfiguration.class, ExitWhenReady.class})
public class TimeDealApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(TimeDealApplication.class);
        application.addInitializers(new EmbeddedServerEarlyStart());
        application.run(args);
    }
}
