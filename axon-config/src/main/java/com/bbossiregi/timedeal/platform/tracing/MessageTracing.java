package com.bbossiregi.timedeal.platform.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * One trace follows an order from its HTTP request through the command, the saga, the deadlines and the read models.
 * Micrometer Tracing (OpenTelemetry underneath) gives each request a span; Axon's messages carry its context in their
 * metadata, written by a correlation data provider (messages sent while handling one) and a dispatch interceptor
 * (commands sent from a request's thread), and read back by a handler interceptor on the command bus, every event
 * processor (sagas included) and the deadline manager, which handles the message in a child span. Axon's own span
 * factory would do the same, but its OpenTelemetry module is not published for Axon 4.13; this is the small part of it
 * the trace id in the logs needs. Nothing here runs when tracing is off ({@code management.tracing.enabled=false}).
 */
@AutoConfiguration(after = MicrometerTracingAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnBean({Tracer.class, Propagator.class})
public class MessageTracing {

    /** Right after Spring's HTTP observation filter (HIGHEST_PRECEDENCE + 1), which opens the request's span. */
    static final int RESPONSE_HEADER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean
    TraceContextCarrier traceContextCarrier(Tracer tracer, Propagator propagator) {
        return new TraceContextCarrier(tracer, propagator);
    }

    @Bean
    CorrelationDataProvider traceCorrelation(TraceContextCarrier carrier) {
        return new TraceCorrelationDataProvider(carrier);
    }

    @Bean
    ConfigurerModule eventProcessorTracing(TraceContextCarrier carrier) {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (configuration, processorName) -> new TracingHandlerInterceptor<>(carrier, processorName));
    }

    /** The command bus and the deadline manager are Spring beans, whichever implementation is in use. */
    @Bean
    SmartInitializingSingleton commandAndDeadlineTracing(TraceContextCarrier carrier,
                                                         ObjectProvider<CommandBus> commandBus,
                                                         ObjectProvider<DeadlineManager> deadlineManager) {
        return () -> {
            commandBus.ifAvailable(bus -> {
                bus.registerDispatchInterceptor(new TracingDispatchInterceptor<CommandMessage<?>>(carrier));
                bus.registerHandlerInterceptor(new TracingHandlerInterceptor<CommandMessage<?>>(carrier, "command"));
            });
            deadlineManager.ifAvailable(deadlines -> deadlines.registerHandlerInterceptor(
                    new TracingHandlerInterceptor<DeadlineMessage<?>>(carrier, "deadline")));
        };
    }

    @Bean
    FilterRegistrationBean<TraceIdResponseHeader> traceIdResponseHeader(Tracer tracer) {
        FilterRegistrationBean<TraceIdResponseHeader> registration =
                new FilterRegistrationBean<>(new TraceIdResponseHeader(tracer));
        registration.setOrder(RESPONSE_HEADER_ORDER);
        return registration;
    }
}
