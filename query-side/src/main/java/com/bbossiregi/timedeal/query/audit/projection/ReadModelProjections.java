package com.bbossiregi.timedeal.query.audit.projection;

import com.bbossiregi.timedeal.api.audit.ProjectionStatus;
import com.bbossiregi.timedeal.api.audit.ProjectionStatus.Kind;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.platform.axon.ReadModelGroups;
import com.bbossiregi.timedeal.platform.axon.deadletter.DeadLetters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.SagaConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The read models' processing groups as an operator sees them: how far each one is, and a rebuild from the first
 * event. Only the groups named by {@code timedeal.consistency.read-models} that run in this instance are read models
 * here, and a group that handles a saga never is one, whatever the setting says: a saga replayed would send its
 * commands (reservations, cancellations, payments) a second time.
 *
 * <h2>Replay</h2>
 * {@link #replay} stops the group's processor, resets its tokens to the start of the event store and starts it again.
 * The reset runs the read model's {@code @ResetHandler}, which empties its tables, and the processor then rebuilds
 * them event by event while the rest of the system keeps serving:
 * <ul>
 *   <li>Reads see the model filling up during the replay: a deal or an order may be missing or behind until the
 *       replay has passed its events, so answers are incomplete until {@code replaying} turns false.</li>
 *   <li>Command answers that wait for the read models to catch up (read-your-writes) wait up to their bound and
 *       then answer without it while the replay is behind.</li>
 *   <li>Side effects are not repeated: handlers that emit subscription-query updates skip them during a replay
 *       ({@code ReplayStatus}), and sagas are never replayed.</li>
 *   <li>In a cluster, every instance that runs the group must have it stopped for the reset: the reset claims every
 *       segment's token, and a segment claimed by another instance makes the reset fail (and that instance would
 *       keep feeding the model it is being emptied). This endpoint stops the processor of this instance only.</li>
 * </ul>
 * A replay requested while one is under way changes nothing, so a repeated request never empties the model twice.
 * The reset also empties the group's dead-letter queue: the replay handles those events again.
 *
 * <h2>Dead letters</h2>
 * Each status carries the group's dead letters ({@link DeadLetters}): events the group could not handle, parked while
 * the processor goes on. The order saga's group is listed after the read models for its dead letters and progress;
 * it is never replayed.
 */
@Component
public class ReadModelProjections {

    /** How many dead letters of a group a status lists; the count covers them all. */
    static final int LISTED_DEAD_LETTERS = 100;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final List<String> readModels;
    private final DeadLetters deadLetters;
    /** Reset and restarted, but the processor has not claimed its segments yet, so its own status shows nothing. */
    private final Set<String> replaysStarting = ConcurrentHashMap.newKeySet();

    public ReadModelProjections(@Lazy EventProcessingConfiguration processing, @Lazy EventStore eventStore,
                                ReadModelGroups readModels, DeadLetters deadLetters) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.readModels = readModels.names();
        this.deadLetters = deadLetters;
    }

    /**
     * Every read model that runs in this instance, in the configured order, then every saga group with a dead-letter
     * queue here; each with its dead letters (at most {@value #LISTED_DEAD_LETTERS} listed, all counted).
     */
    public List<ProjectionStatus> statuses() {
        record Observed(String name, StreamingEventProcessor processor, ProcessorProgress progress, Kind kind) {
        }
        List<Observed> observed = new ArrayList<>();
        for (String name : readModels) {
            processor(name).ifPresent(processor -> observed.add(new Observed(name, processor,
                    ProcessorProgress.of(processor.processingStatus().values()), Kind.READ_MODEL)));
        }
        for (String name : deadLetters.groups()) {
            if (deadLetters.isSaga(name)) {
                processing.eventProcessorByProcessingGroup(name, StreamingEventProcessor.class)
                        .ifPresent(processor -> observed.add(new Observed(name, processor,
                                ProcessorProgress.of(processor.processingStatus().values()), Kind.SAGA)));
            }
        }
        // Read after the positions, so that the lag never understates what is left.
        long head = headPosition();
        return observed.stream()
                .map(seen -> withDeadLetters(seen.kind(), seen.kind() == Kind.SAGA
                        ? seen.progress().toStatus(seen.name(), head, seen.processor().isRunning(),
                                seen.processor().isError(), false)
                        : status(seen.name(), seen.processor(), seen.progress(), head)))
                .toList();
    }

    private ProjectionStatus withDeadLetters(Kind kind, ProjectionStatus status) {
        long count = deadLetters.count(status.name());
        return status.withDeadLetters(kind, count,
                count == 0 ? List.of() : deadLetters.list(status.name(), LISTED_DEAD_LETTERS));
    }

    /**
     * Rebuilds the read model from the first event; see the class description for what callers see meanwhile.
     *
     * @return the status right after the restart, {@code replaying} true
     * @throws DomainException NOT_FOUND when {@code name} is not a read model of this instance (a saga's group is not)
     */
    public synchronized ProjectionStatus replay(String name) {
        StreamingEventProcessor processor = processor(name)
                .orElseThrow(() -> DomainException.notFound("Read model " + name));
        ProjectionStatus current = status(name, processor);
        if (current.replaying()) {
            return current;
        }
        processor.shutDown();
        try {
            processor.resetTokens();
            replaysStarting.add(name);
        } finally {
            // Even when the reset failed: the model must keep being served as it was.
            processor.start();
        }
        return status(name, processor);
    }

    private ProjectionStatus status(String name, StreamingEventProcessor processor) {
        ProcessorProgress progress = ProcessorProgress.of(processor.processingStatus().values());
        return withDeadLetters(Kind.READ_MODEL, status(name, processor, progress, headPosition()));
    }

    private ProjectionStatus status(String name, StreamingEventProcessor processor, ProcessorProgress progress,
                                    long head) {
        boolean running = processor.isRunning();
        if (progress.position() != null || !running) {
            replaysStarting.remove(name);
        }
        return progress.toStatus(name, head, running, processor.isError(), replaysStarting.contains(name));
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        if (!readModels.contains(name) || isSagaGroup(name)) {
            return Optional.empty();
        }
        return processing.eventProcessorByProcessingGroup(name, StreamingEventProcessor.class);
    }

    private boolean isSagaGroup(String name) {
        return processing.sagaConfigurations().stream().map(SagaConfiguration::processingGroup).anyMatch(name::equals);
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }
}
