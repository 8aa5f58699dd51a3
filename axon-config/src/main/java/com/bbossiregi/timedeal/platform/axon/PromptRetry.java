package com.bbossiregi.timedeal.platform.axon;

import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.SubscribableMessageSource;
import org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Tracking processors that retry a failure (the database gone for a while, say) at least every
 * {@code timedeal.processors.retry.max-wait}. Axon's {@link TrackingEventProcessor} doubles its wait after each failed
 * attempt up to a minute, with no setting for it, so a processor could sit out most of a minute after the database
 * came back while every command answer waited for it. Its wait is a protected method meant to be overridden; the
 * processors are built by Axon's own {@link EventProcessingModule}, through its protected factory method, with
 * everything else as Axon configures it. The same factory methods give every processor, tracking or subscribing, its
 * handlers as {@link KnownHandlers}.
 */
@AutoConfiguration(before = EventProcessingAutoConfiguration.class)
@EnableConfigurationProperties(ProcessorSettings.class)
public class PromptRetry {

    @Bean
    public EventProcessingModule eventProcessingModule(ProcessorSettings settings) {
        long maxWaitMillis = settings.retry().maxWait().toMillis();
        return new EventProcessingModule() {
            @Override
            protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker eventHandlerInvoker,
                                                            TrackingEventProcessorConfiguration config,
                                                            StreamableMessageSource<TrackedEventMessage<?>> source) {
                return new Processor(TrackingEventProcessor.builder()
                        .name(name)
                        .eventHandlerInvoker(KnownHandlers.around(eventHandlerInvoker))
                        .rollbackConfiguration(rollbackConfiguration(name))
                        .errorHandler(errorHandler(name))
                        .messageMonitor(messageMonitor(TrackingEventProcessor.class, name))
                        .messageSource(source)
                        .tokenStore(tokenStore(name))
                        .transactionManager(transactionManager(name))
                        .trackingEventProcessorConfiguration(config)
                        .spanFactory(configuration.getComponent(EventProcessorSpanFactory.class)), maxWaitMillis);
            }

            @Override
            protected EventProcessor subscribingEventProcessor(
                    String name, EventHandlerInvoker eventHandlerInvoker,
                    SubscribableMessageSource<? extends EventMessage<?>> messageSource) {
                return super.subscribingEventProcessor(name, KnownHandlers.around(eventHandlerInvoker), messageSource);
            }
        };
    }

    /** Axon's tracking processor, its waits capped (the waits between claim attempts too). */
    public static final class Processor extends TrackingEventProcessor {

        private final long maxWaitMillis;

        Processor(TrackingEventProcessor.Builder builder, long maxWaitMillis) {
            super(builder);
            this.maxWaitMillis = maxWaitMillis;
        }

        static long cappedWait(long requestedMillis, long maxWaitMillis) {
            return Math.min(requestedMillis, maxWaitMillis);
        }

        @Override
        protected void doSleepFor(long millisToSleep, AtomicBoolean interruptFlag) {
            super.doSleepFor(cappedWait(millisToSleep, maxWaitMillis), interruptFlag);
        }
    }
}
