package com.bbossiregi.timedeal.platform.axon;

import com.bbossiregi.timedeal.platform.cluster.CacheBypassingScopes;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import com.bbossiregi.timedeal.platform.role.ConditionalOnRole;
import com.bbossiregi.timedeal.platform.role.NodeRole;
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
 *
 * <p>Only command nodes fire deadlines: their handlers (sagas, aggregates) live there. A scheduler on a query node
 * would pick due tasks it has no handler for, count them done and drop them. Without this scheduler Axon's
 * db-scheduler auto-configuration stays off on query nodes.
 */
@AutoConfiguration(before = AxonDbSchedulerAutoConfiguration.class)
@ConditionalOnRole(NodeRole.COMMAND)
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

    /**
     * Axon's db-scheduler deadline manager, as its auto-configuration builds it, except that an aggregate's deadline
     * reads the aggregate from the store rather than from this node's cache ({@link CacheBypassingScopes}): on more
     * than one command node the deadline may fire on a node that is not the aggregate's current owner.
     */
    @Bean
    public DeadlineManager deadlineManager(Scheduler deadlineScheduler, Configuration configuration,
                                           @Qualifier("eventSerializer") Serializer serializer,
                                           TransactionManager transactionManager,
                                           DeadlineManagerSpanFactory spanFactory, ObjectProvider<Cache> caches) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new CacheBypassingScopes(new ConfigurationScopeAwareProvider(configuration),
                        caches.orderedStream().toList()))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .startScheduler(false)
                .stopScheduler(false)
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
