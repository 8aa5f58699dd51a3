package com.bbossiregi.timedeal.platform.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Projection lag, per read model: the time from an event's timestamp (set when the aggregate applied it, just before
 * its append commits) until the transaction of the read model's batch that handled it has committed, as the timer
 * {@value #METRIC} tagged {@code projection=<group>} (Prometheus: {@code timedeal_projection_lag_seconds_bucket}).
 *
 * <p>Every group named in {@link ReadModelGroups} gets the interceptor on the processor of that name (Axon's default:
 * a processing group runs in a processor named after it; nothing here assigns groups otherwise). Only events the read
 * model handles reach it. Events delivered during a replay are not recorded: they are old by design. The lag is read
 * from the application's {@link Clock}, against the event's timestamp, which comes from the clock of the process that
 * applied it: across machines their skew is part of the figure (a negative interval is dropped by Micrometer).
 */
@AutoConfiguration
public class ProjectionLag {

    public static final String METRIC = "timedeal.projection.lag";
    public static final String PROJECTION_TAG = "projection";

    @Bean
    public ConfigurerModule projectionLagInterceptors(ReadModelGroups readModels,
                                                      ObjectProvider<MeterRegistry> meterRegistry,
                                                      ObjectProvider<Clock> clock) {
        // The registry and the clock are looked up when Axon builds the processors, not while it collects modules.
        return configurer -> readModels.names().forEach(group -> configurer.eventProcessing()
                .registerHandlerInterceptor(group, config ->
                        new Interceptor(timer(meterRegistry.getObject(), group), clock.getObject())));
    }

    /** The timer of one read model: a histogram from 1 ms to 30 s, so that any percentile can be read off it. */
    public static Timer timer(MeterRegistry registry, String projection) {
        return Timer.builder(METRIC)
                .description("Time from an event's append to the commit of the read model update that handled it")
                .tag(PROJECTION_TAG, projection)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** Records each handled event's lag once the batch it belongs to has committed; nothing for a rolled-back one. */
    public static final class Interceptor implements MessageHandlerInterceptor<EventMessage<?>> {

        private final Timer timer;
        private final Clock clock;

        public Interceptor(Timer timer, Clock clock) {
            this.timer = timer;
            this.clock = clock;
        }

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
                throws Exception {
            EventMessage<?> event = unitOfWork.getMessage();
            if (!ReplayToken.isReplay(event)) {
                Instant appended = event.getTimestamp();
                // The batching unit of work of a tracking processor: its commit is the read model's commit.
                unitOfWork.root().afterCommit(committed -> timer.record(Duration.between(appended, clock.instant())));
            }
            return interceptorChain.proceed();
        }
    }
}
