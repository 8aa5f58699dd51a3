package com.bbossiregi.timedeal.platform.health;

import com.bbossiregi.timedeal.platform.health.EventProcessorInspector.ProcessorState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Each event processor of this node as gauges tagged {@code processor}: {@value #LAG} (events behind the head over
 * the segments held here; NaN when it holds none, is subscribing or is failing), {@value #RUNNING} and
 * {@value #ERROR} (1 or 0). Axon's own metrics time the handlers; these say whether a processor moves at all, for
 * the "processor stalled" alert. One inspection serves all gauges of a scrape.
 */
public class ProcessorGauges implements ApplicationListener<ApplicationReadyEvent> {

    public static final String LAG = "timedeal.processor.lag";
    public static final String RUNNING = "timedeal.processor.running";
    public static final String ERROR = "timedeal.processor.error";
    private static final long REUSE_NANOS = 1_000_000_000L;

    private final EventProcessorInspector inspector;
    private final MeterRegistry registry;
    private Map<String, ProcessorState> lastInspection = Map.of();
    private long lastInspected;

    public ProcessorGauges(EventProcessorInspector inspector, MeterRegistry registry) {
        this.inspector = inspector;
        this.registry = registry;
    }

    /** The processors exist once Axon has started; a scrape before that shows none of these. */
    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        for (String processor : inspector.inspect().keySet()) {
            gauge(LAG, "Events this processor is behind the event store's head", processor,
                    state -> state.lag() == null ? Double.NaN : state.lag());
            gauge(RUNNING, "1 while the processor runs", processor, state -> state.running() ? 1 : 0);
            gauge(ERROR, "1 while the processor is stuck on a failing event", processor, state -> state.error() ? 1 : 0);
        }
    }

    private void gauge(String name, String description, String processor, ToDoubleFunction<ProcessorState> value) {
        Gauge.builder(name, this, gauges -> {
                    ProcessorState state = gauges.state(processor);
                    return state == null ? Double.NaN : value.applyAsDouble(state);
                })
                .description(description)
                .tag("processor", processor)
                .register(registry);
    }

    private synchronized ProcessorState state(String processor) {
        long now = System.nanoTime();
        if (lastInspected == 0 || now - lastInspected > REUSE_NANOS) {
            lastInspection = inspector.inspect();
            lastInspected = now;
        }
        return lastInspection.get(processor);
    }
}
