package com.bbossiregi.timedeal.platform.cluster;

import com.bbossiregi.timedeal.platform.support.DaemonThreads;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spreads the segments of each streaming processor over the nodes that run it. Tracking processors claim segments
 * first come, first served: the first node to start takes them all (it has a thread per segment, so that a lone
 * survivor can take them all too). Every few seconds each node says which processors it runs ({@code processor_node})
 * and counts the live nodes per processor; a node holding more than its fair share (segments / live nodes, rounded up)
 * releases one segment for a while, with Axon's {@link StreamingEventProcessor#releaseSegment}, and a node below its
 * share claims it. A node that stops beating drops out of the count within {@link #LIVENESS}, about when its claims
 * time out ({@code axon.eventhandling.tokenstore.claim-timeout}, 10 s) and the others take its segments.
 *
 * <p>Axon has no such balancing for tracking processors (the pooled one's coordinator has none across nodes either),
 * hence this class.
 */
public final class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    static final long INTERVAL_MILLIS = 3_000;
    /** Nodes not seen for this long are not counted. */
    static final long LIVENESS_MILLIS = 9_000;
    static final String LIVENESS = LIVENESS_MILLIS / 1000 + " s";
    /** Long enough for the other nodes (which look for segments every 5 s) to claim a released one. */
    static final long RELEASE_MILLIS = 15_000;

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final String nodeId = UUID.randomUUID().toString();
    private ScheduledExecutorService timer;
    private volatile boolean running;

    public SegmentBalancer(DataSource dataSource, EventProcessingConfiguration processing) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.processing = processing;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("segment-balancer"));
        timer.scheduleWithFixedDelay(this::round, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
        try {
            jdbc.update("DELETE FROM processor_node WHERE node_id = ?", nodeId);
        } catch (RuntimeException e) {
            log.debug("Could not remove this node from processor_node", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After Axon has started its processors. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    void round() {
        try {
            List<StreamingEventProcessor> processors = processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance)
                    .map(StreamingEventProcessor.class::cast)
                    .filter(StreamingEventProcessor::isRunning)
                    .toList();
            for (StreamingEventProcessor processor : processors) {
                jdbc.update("INSERT INTO processor_node (processor_name, node_id, seen_at) VALUES (?, ?, now()) "
                        + "ON CONFLICT (processor_name, node_id) DO UPDATE SET seen_at = now()",
                        processor.getName(), nodeId);
            }
            Map<String, Integer> nodes = counts("SELECT processor_name, count(*) FROM processor_node "
                    + "WHERE seen_at > now() - make_interval(secs => " + LIVENESS_MILLIS / 1000 + ") "
                    + "GROUP BY processor_name");
            Map<String, Integer> segments = counts(
                    "SELECT processor_name, count(*) FROM token_entry GROUP BY processor_name");
            for (StreamingEventProcessor processor : processors) {
                balance(processor, segments.getOrDefault(processor.getName(), 0),
                        Math.max(1, nodes.getOrDefault(processor.getName(), 1)));
            }
        } catch (RuntimeException e) {
            log.warn("Segment balancing round failed; next round in {} ms", INTERVAL_MILLIS, e);
        }
    }

    private void balance(StreamingEventProcessor processor, int segments, int nodes) {
        int fairShare = (segments + nodes - 1) / nodes;
        var owned = processor.processingStatus();
        if (owned.size() > fairShare) {
            int segment = owned.keySet().stream().max(Comparator.naturalOrder()).orElseThrow();
            log.info("Processor {}: this node holds {} of {} segments on {} node(s); releasing segment {}",
                    processor.getName(), owned.size(), segments, nodes, segment);
            processor.releaseSegment(segment, RELEASE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private Map<String, Integer> counts(String sql) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query(sql, row -> {
            counts.put(row.getString(1), row.getInt(2));
        });
        return counts;
    }
}
