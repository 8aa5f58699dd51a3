package com.bbossiregi.timedeal.platform.axon;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Deadlines (the reservation hold, a deal's start and end) live in PostgreSQL through db-scheduler, never in memory:
 * Axon's db-scheduler auto-configuration builds the {@code DbSchedulerDeadlineManager} on this scheduler. Scheduling
 * joins the caller's transaction, so a deadline exists exactly when the events that asked for it were committed.
 */
@AutoConfiguration(before = AxonDbSchedulerAutoConfiguration.class)
public class DurableDeadlines {

    @Bean(destroyMethod = "")
    public Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks,
                                       @Value("${timedeal.deadlines.polling-interval:250ms}") Duration pollingInterval,
                                       @Value("${timedeal.deadlines.threads:4}") int threads) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .tableName("scheduled_tasks")
                .pollingInterval(pollingInterval)
                .threads(threads)
                .enableImmediateExecution()
                .enablePriority()
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    /** Starts firing deadlines once Axon is running, and stops before Axon does. */
    @Bean
    public SmartLifecycle deadlineSchedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 100;
            }
        };
    }
}
