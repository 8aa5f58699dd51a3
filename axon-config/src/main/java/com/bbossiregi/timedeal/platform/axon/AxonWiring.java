package com.bbossiregi.timedeal.platform.axon;

import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.platform.cluster.ClusterSettings;
import com.bbossiregi.timedeal.platform.support.DaemonThreads;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import java.util.Map;
import java.util.Optional;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.axonframework.micrometer.GlobalMetricRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/** The Axon wiring both sides share. Stores themselves come from Axon's JDBC auto-configuration. */
@AutoConfiguration
@AutoConfigureBefore({AxonAutoConfiguration.class, MicrometerMetricsAutoConfiguration.class})
@org.springframework.boot.context.properties.EnableConfigurationProperties({ProcessorSettings.class, CacheSettings.class,
        ConsistencySettings.class, ClusterSettings.class, AxonMetricsSettings.class})
public class AxonWiring {

    private final ObjectMapper storageMapper = StorageObjectMapper.create();
    /** Events, snapshots, sagas, tokens, deadlines and messages between nodes: one serializer on one mapper. */
    private final Serializer jackson = storageSerializer(storageMapper);

    @Bean
    @Primary
    public Serializer serializer() {
        return jackson;
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson;
    }

    /** Axon's serializer registers its metadata reader on the mapper as it is built; ours goes in front of it. */
    static Serializer storageSerializer(ObjectMapper mapper) {
        Serializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
        StoredMetaData.registerOn(mapper);
        return serializer;
    }

    /** The wall clock of request handling (tokens, remaining seconds); tests replace it. */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Axon's default names are camelCase; the Flyway scripts use PostgreSQL's snake_case. */
    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build());
    }

    /** A lost race for a stream's next sequence number is a concurrency failure (see {@link PostgresDuplicateKeys}). */
    @Bean
    public org.axonframework.common.jdbc.PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeys();
    }

    /** Who acted travels from the HTTP request through sagas to every event caused by it. */
    @Bean
    public CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(Actor.ID_KEY, Actor.TYPE_KEY);
    }

    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    /**
     * Streaming processors are tracking processors, one thread and one segment each: with the embedded event store
     * they wake up as soon as an event is committed, where a pooled processor polls every half second. A handler that
     * fails is retried rather than skipped, because a skipped event would silently break a read model or leave a saga
     * stuck; the read models and the order saga instead park an event that fails for a reason of its own in their
     * dead-letter queues and retry only transient failures ({@code deadletter.DeadLetterWiring}).
     */
    @Bean
    public ConfigurerModule eventProcessingDefaults(
            ProcessorSettings processors, ReadModelCatchUp catchUp, CachedSagaStore sagaStore, ClusterSettings cluster,
            Environment environment) {
        Optional<Duration> availability = EventStoreWiring.multiNode(environment)
                ? Optional.of(cluster.eventAvailabilityTimeout()) : Optional.empty();
        EventTrackerStatusChangeListener sagaProgress = new EventTrackerStatusChangeListener() {
            @Override
            public void onEventTrackerStatusChange(Map<Integer, EventTrackerStatus> updatedTrackerStatus) {
                sagaStore.onTrackerStatusChange(updatedTrackerStatus);
                catchUp.onEventTrackerStatusChange(updatedTrackerStatus);
            }

            @Override
            public boolean validatePositions() {
                return catchUp.validatePositions();
            }
        };
        return configurer -> configurer.eventProcessing()
                .usingTrackingEventProcessors()
                .registerTrackingEventProcessorConfiguration(config -> segmented(processors.segments(), availability)
                        .andBatchSize(processors.batchSize()).andEventTrackerStatusChangeListener(catchUp))
                .registerTrackingEventProcessorConfiguration("order-saga", config -> segmented(processors.segments(), availability)
                        .andBatchSize(processors.sagaBatchSize())
                        .andEventTrackerStatusChangeListener(sagaProgress))
                .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance());
    }

    /**
     * One thread per segment on every node, so that whichever nodes are alive can claim every segment between them
     * (a thread cap below the segment count would leave a dead node's segments unclaimed). On a node of several a
     * segment stores its position within {@code timedeal.cluster.event-availability-timeout} while the events going by
     * are not its own: a command answer on another node judges it by that stored position ({@link ReadModelCatchUp}).
     */
    private static TrackingEventProcessorConfiguration segmented(int segments, Optional<Duration> availability) {
        TrackingEventProcessorConfiguration config = segments <= 1
                ? TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                : TrackingEventProcessorConfiguration.forParallelProcessing(segments).andInitialSegmentsCount(segments);
        return availability.map(timeout -> config.andEventAvailabilityTimeout(
                timeout.toMillis(), TimeUnit.MILLISECONDS)).orElse(config);
    }

    /**
     * The saga store: the database, with the sagas in use kept in memory (see {@link CachedSagaStore}). In a cluster
     * ({@code timedeal.cluster.enabled}) a saga may be changed by another node (its segment moved, a deadline fired
     * there): no memory then, and each load locks the saga's row ({@link LockingSagaSqlSchema}).
     */
    @Bean
    public CachedSagaStore sagaStore(ConnectionProvider connectionProvider, Serializer serializer, SagaSqlSchema schema,
                                     CacheSettings caches, ClusterSettings cluster) {
        boolean clustered = cluster.enabled();
        return new CachedSagaStore(JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(clustered && schema instanceof GenericSagaSqlSchema generic
                        ? new LockingSagaSqlSchema(generic.sagaSchema()) : schema)
                .serializer(serializer)
                .build(), clustered ? 0 : caches.sagas());
    }

    /** Axon's metrics, cheaper to keep (see {@link LeanAxonMetrics}). */
    @Bean
    public GlobalMetricRegistry globalMetricRegistry(MeterRegistry meters, AxonMetricsSettings settings,
                                                     @Lazy EventProcessingConfiguration processing) {
        return new LeanAxonMetrics(meters, settings.capacityWindow(), name -> processing.eventProcessor(name)
                .filter(AbstractEventProcessor.class::isInstance)
                .map(processor -> ((AbstractEventProcessor) processor).eventHandlerInvoker()));
    }

    /** Every aggregate finds its commands' targets through one resolver that remembers where they are. */
    @Bean
    public ConfigurerModule commandTargets() {
        CachingCommandTargetResolver resolver = new CachingCommandTargetResolver();
        return configurer -> configurer.registerComponent(CommandTargetResolver.class, config -> resolver);
    }

    /**
     * Snapshots are taken on a thread of their own: the snapshotter reads and serializes the whole aggregate, and the
     * command that crossed the threshold (on a hot deal, the saga's) must not wait for that.
     */
    @Bean
    public SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                           HandlerDefinition handlerDefinition,
                                                           ParameterResolverFactory parameterResolverFactory,
                                                           EventStore eventStore, TransactionManager transactionManager,
                                                           SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(Executors.newSingleThreadExecutor(DaemonThreads.named("aggregate-snapshotter")))
                .build();
    }

    @Bean
    public ReadModelGroups readModelGroups(ConsistencySettings consistency) {
        return new ReadModelGroups(consistency.readModels());
    }

    @Bean
    public ReadModelCatchUp readModelCatchUp(@Lazy EventStore eventStore,
                                             @Lazy EventProcessingConfiguration processing,
                                             org.springframework.jdbc.core.simple.JdbcClient jdbc,
                                             Serializer serializer,
                                             ReadModelGroups readModels,
                                             ConsistencySettings consistency,
                                             MeterRegistry meters) {
        return new ReadModelCatchUp(eventStore, processing, new ProcessorTokens(jdbc, serializer),
                java.util.Set.copyOf(readModels.names()), consistency.sagas(), consistency.readModelPoll(), meters);
    }
}
