package com.bbossiregi.timedeal.platform.axon.deadletter;

import com.bbossiregi.timedeal.platform.axon.ConsistencySettings;
import com.bbossiregi.timedeal.platform.axon.ReadModelGroups;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.SagaConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Axon's sequenced dead-letter queue on PostgreSQL ({@code dead_letter_entry}) for every read model's processing group
 * and every saga's: an event that fails for a reason retrying will not fix is parked with its cause, later events of
 * its sequence (the same aggregate; for a saga, the same saga) queue behind it, and the processor goes on with every
 * other sequence. Transient failures are retried as before ({@link DeadLetterPolicy}). A reset (replay) of a read
 * model empties its queue, because the replay handles those events again.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class})
public class DeadLetterWiring {

    /** The Prometheus name is {@code timedeal_dead_letters}, one series per processing group. */
    public static final String METRIC = "timedeal.dead.letters";

    /** Axon's default names are camelCase; the Flyway script uses PostgreSQL's snake_case. */
    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_identifier")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    @Bean
    public DeadLetterPolicy deadLetterPolicy() {
        return new DeadLetterPolicy();
    }

    /** Builds the queue of one processing group: the Axon stores' connections and transactions, the same Jackson. */
    @Bean
    public Function<String, SequencedDeadLetterQueue<EventMessage<?>>> deadLetterQueueFactory(
            ConnectionProvider connectionProvider, TransactionManager transactionManager, DeadLetterSchema schema,
            Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer) {
        return group -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(group)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(schema)
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                .build();
    }

    @Bean
    public SagaGroups sagaDeadLetterGroups(
            ConsistencySettings consistency,
            Function<String, SequencedDeadLetterQueue<EventMessage<?>>> deadLetterQueueFactory,
            DeadLetterPolicy policy, TransactionManager transactionManager,
            @Lazy EventProcessingConfiguration processing) {
        Map<String, SagaDeadLetters> groups = new LinkedHashMap<>();
        for (String group : consistency.sagas()) {
            groups.put(group, new SagaDeadLetters(deadLetterQueueFactory.apply(group), policy, transactionManager,
                    () -> processing.sagaConfigurations().stream()
                            .filter(saga -> saga.processingGroup().equals(group))
                            .findFirst()
                            .map(SagaConfiguration::repository)
                            .orElseThrow(() -> new IllegalStateException("No saga in processing group " + group))));
        }
        return new SagaGroups(Map.copyOf(groups));
    }

    @Bean
    public ConfigurerModule deadLetterQueues(ReadModelGroups readModels, SagaGroups sagas, DeadLetterPolicy policy,
                                             Function<String, SequencedDeadLetterQueue<EventMessage<?>>> queues) {
        return configurer -> {
            var processing = configurer.eventProcessing();
            for (String group : readModels.names()) {
                processing.registerDeadLetterQueue(group, config -> queues.apply(group))
                        .registerDeadLetterPolicy(group, config -> policy)
                        // allowReset: a replay clears the group's dead letters, whose events it handles again.
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group, (config, invoker) -> invoker
                                .allowReset(true)
                                .enableSequenceIdentifierCache());
            }
            sagas.byGroup().forEach((group, letters) ->
                    processing.registerListenerInvocationErrorHandler(group, config -> letters));
        };
    }

    @Bean
    public HandlerSavepoints handlerSavepoints(ReadModelGroups readModels, ObjectProvider<SagaGroups> sagas,
                                               ObjectProvider<PlatformTransactionManager> transactions,
                                               ObjectProvider<ConnectionProvider> connections,
                                               ConsistencySettings consistency) {
        Set<String> groups = new LinkedHashSet<>(readModels.names());
        groups.addAll(consistency.sagas());
        return new HandlerSavepoints(groups, () -> {
            TransactionTemplate nested = new TransactionTemplate(transactions.getObject());
            nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
            return nested;
        }, connections::getObject, () -> sagas.getObject().byGroup());
    }

    @Bean
    public DeadLetters deadLetters(ReadModelGroups readModels, SagaGroups sagas,
                                   @Lazy EventProcessingConfiguration processing) {
        return new DeadLetters(readModels.names(), () -> processing, sagas.byGroup());
    }

    /** The dead letters per group, read from the queue at each scrape; NaN while the database cannot say. */
    @Bean
    public MeterBinder deadLetterGauges(ReadModelGroups readModels, SagaGroups sagas, ObjectProvider<DeadLetters> letters) {
        return registry -> {
            Set<String> groups = new LinkedHashSet<>(readModels.names());
            groups.addAll(sagas.byGroup().keySet());
            for (String group : groups) {
                Gauge.builder(METRIC, letters, provider -> count(provider.getObject(), group))
                        .description("Events a processing group could not handle, parked in its dead-letter queue")
                        .tag("group", group)
                        .strongReference(true)
                        .register(registry);
            }
        };
    }

    private static double count(DeadLetters letters, String group) {
        try {
            return letters.queue(group).isPresent() ? letters.count(group) : Double.NaN;
        } catch (RuntimeException unavailable) {
            return Double.NaN;
        }
    }

    /** The saga processing groups' dead letters, by group. */
    public record SagaGroups(Map<String, SagaDeadLetters> byGroup) {
    }
}
