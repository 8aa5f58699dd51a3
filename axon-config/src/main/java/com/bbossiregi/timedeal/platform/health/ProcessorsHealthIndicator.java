package com.bbossiregi.timedeal.platform.health;

import com.bbossiregi.timedeal.platform.health.EventProcessorInspector.ProcessorState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The readiness probe's {@code processors} check: every event processor of this node runs, none is stuck on a failing
 * event, and each streaming one is at most {@code maxLag} events behind the event store's head over the segments this
 * node holds. A processor holding no segment here (another node has them, or it has not claimed one yet) is ready;
 * so is one replaying on an admin's request, which serves while it rebuilds.
 */
public class ProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessorInspector inspector;
    private final long maxLag;

    public ProcessorsHealthIndicator(EventProcessorInspector inspector, long maxLag) {
        super("The event processors could not be inspected");
        this.inspector = inspector;
        this.maxLag = maxLag;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean ready = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Map.Entry<String, ProcessorState> entry : inspector.inspect().entrySet()) {
            ProcessorState state = entry.getValue();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("running", state.running());
            if (state.streaming()) {
                detail.put("error", state.error());
                detail.put("segments", state.segments());
                detail.put("replaying", state.replaying());
                if (state.lag() != null) {
                    detail.put("lag", state.lag());
                }
            }
            details.put(entry.getKey(), detail);
            boolean tooFarBehind = state.lag() != null && state.lag() > maxLag && !state.replaying();
            if (!state.running() || state.error() || tooFarBehind) {
                ready = false;
            }
        }
        (ready ? builder.up() : builder.down()).withDetail("maxLag", maxLag).withDetails(details);
    }
}
