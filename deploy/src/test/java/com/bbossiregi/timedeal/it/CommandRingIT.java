package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.timedeal.CancelTimeDealCommand;
import java.time.Duration;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.axonframework.commandhandling.distributed.Member;
import org.axonframework.extensions.jgroups.commandhandling.JGroupsConnector;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two command nodes on one database form a command ring (JGroups, discovery in PostgreSQL): a command sent through
 * one node for an aggregate the other owns is handled there, and a business error raised there reaches the client of
 * the first node with its contract code and message. The saga's segments spread over both nodes, and the survivor
 * takes them all when the other stops.
 */
class CommandRingIT {

    private final TestDatabase.Settings database = TestDatabase.create("timedeal_ring");

    @Test
    void aBusinessErrorRaisedOnAnotherNodeKeepsItsCode() {
        try (ConfigurableApplicationContext first = start();
             ConfigurableApplicationContext second = start()) {
            assertThat(first.getBean(org.axonframework.commandhandling.CommandBus.class))
                    .isInstanceOf(DistributedCommandBus.class);
            JGroupsConnector ring = first.getBean(JGroupsConnector.class);
            // The second node joins the ring within seconds; then some demo deal is routed to it.
            ApiTestBase.eventually(Duration.ofSeconds(30), () -> assertThat(java.util.stream.LongStream.rangeClosed(1, 5)
                    .anyMatch(deal -> !owner(ring, deal).local())).as("a demo deal routed to the second node").isTrue());

            Api api = StandaloneApplication.api(first);
            String admin = api.login("admin@bbossiregi.com", "admin1234!").token();
            // A deal that is not yet on sale (deal 1 is, and stays so for the order below), owned by the second node.
            long dealOfTheOther = 2;
            while (owner(ring, dealOfTheOther).local()) {
                dealOfTheOther = dealOfTheOther < 5 ? dealOfTheOther + 1 : api.post("/api/v1/admin/timedeals", Map.of(
                        "product_id", 1, "deal_price", 1000, "stock_quantity", 5,
                        "start_at", "2031-01-01T10:00:00Z", "end_at", "2031-01-01T11:00:00Z"), admin)
                        .data().path("id").asLong();
            }
            String path = "/api/v1/admin/timedeals/" + dealOfTheOther;
            assertThat(api.delete(path, admin).status()).isEqualTo(200);
            Api.Response again = api.delete(path, admin);
            assertThat(again.status()).isEqualTo(400);
            assertThat(again.errorCode()).isEqualTo("ALREADY_CANCELED");
            assertThat(again.json().path("error").path("message").asText()).isEqualTo("the deal is already canceled");

            // Orders work through either node, whoever owns the deal.
            Api other = StandaloneApplication.api(second);
            String shopper = other.login("user1@test.com", "password123").token();
            assertThat(other.post("/api/v1/orders", Map.of("time_deal_id", 1), shopper).status()).isEqualTo(201);

            // The saga's two segments, first all claimed by the first node, end up one on each node.
            ApiTestBase.eventually(Duration.ofSeconds(60), () -> {
                assertThat(sagaSegments(first)).isEqualTo(1);
                assertThat(sagaSegments(second)).isEqualTo(1);
            });
            second.close();
            // The survivor takes the segment the stopped node gave back.
            ApiTestBase.eventually(Duration.ofSeconds(60), () -> assertThat(sagaSegments(first)).isEqualTo(2));
        }
    }

    private static Member owner(JGroupsConnector ring, long deal) {
        return ring.findDestination(GenericCommandMessage.asCommandMessage(new CancelTimeDealCommand(deal)))
                .orElseThrow();
    }

    private static int sagaSegments(ConfigurableApplicationContext node) {
        return node.getBean(EventProcessingConfiguration.class)
                .eventProcessor("order-saga", StreamingEventProcessor.class).orElseThrow().processingStatus().size();
    }

    private ConfigurableApplicationContext start() {
        return StandaloneApplication.start(database, "--timedeal.role=command", "--timedeal.cluster.enabled=true",
                "--timedeal.cluster.bind-address=127.0.0.1", "--timedeal.cluster.port=0",
                "--timedeal.processors.segments=2");
    }
}
