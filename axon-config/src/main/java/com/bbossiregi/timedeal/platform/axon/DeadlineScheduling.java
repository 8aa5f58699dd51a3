package com.bbossiregi.timedeal.platform.axon;

import com.bbossiregi.timedeal.platform.cluster.CacheBypassingScopes;
import com.bbossiregi.timedeal.platform.role.ConditionalOnRole;
import com.bbossiregi.timedeal.platform.role.NodeRole;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerStarter;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Deadlines (the reservation hold, a deal's start and end) live in PostgreSQL through db-scheduler, never in memory.
 * db-scheduler's Spring Boot starter builds the scheduler from the {@code db-scheduler.*} settings (its data source
 * joins the caller's transaction, so a deadline exists exactly when the events that asked for it were committed) and
 * Axon's db-scheduler auto-configuration builds the {@code DbSchedulerDeadlineManager} on it.
 *
 * <p>Only when the scheduler runs is decided here: it starts once Axon runs and stops first, before the web server,
 * Axon's processors and the database, after letting the deadlines under way finish ({@code
 * db-scheduler.shutdown-max-wait}). A deadline therefore never fires into a half-stopped Axon.
 *
 * <p>Only command nodes fire deadlines: their handlers (sagas, aggregates) live there. A scheduler on a query node
 * would pick due tasks it has no handler for, count them done and drop them, so a query node has no scheduler at all
 * ({@code db-scheduler.enabled} is false there, see {@code RuntimeDefaults}).
 */
@AutoConfiguration(before = {DbSchedulerAutoConfiguration.class, AxonDbSchedulerAutoConfiguration.class})
@ConditionalOnRole(NodeRole.COMMAND)
public class DeadlineScheduling {

    /** Later than Axon's and the web server's phases: started last, stopped first. */
    static final int PHASE = Integer.MAX_VALUE - 100;

    @Bean
    public DbSchedulerStarter deadlineSchedulerStarter(Scheduler scheduler) {
        return new LifecycleStart(scheduler);
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

    /**
     * The starter also stops the scheduler when its bean is destroyed; here the lifecycle stops it earlier, and a
     * second stop would only log a warning.
     */
    @Bean
    public static BeanFactoryPostProcessor schedulerStoppedByLifecycle() {
        return beanFactory -> {
            for (String name : beanFactory.getBeanNamesForType(Scheduler.class, true, false)) {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                if ("stop".equals(definition.getDestroyMethodName())) {
                    definition.setDestroyMethodName(null);
                }
            }
        };
    }

    static final class LifecycleStart implements DbSchedulerStarter, SmartLifecycle {

        private final Scheduler scheduler;

        LifecycleStart(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void doStart() {
            scheduler.start();
        }

        @Override
        public void start() {
            doStart();
        }

        @Override
        public void stop() {
            scheduler.stop();
        }

        @Override
        public boolean isRunning() {
            return scheduler.getSchedulerState().isStarted() && !scheduler.getSchedulerState().isShuttingDown();
        }

        @Override
        public int getPhase() {
            return PHASE;
        }
    }
}
