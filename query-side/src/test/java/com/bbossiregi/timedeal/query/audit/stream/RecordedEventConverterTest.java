package com.bbossiregi.timedeal.query.audit.stream;

import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.DEAL_STREAM;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.ORDER_ID;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.dealEvent;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.domainEvent;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.orderEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.audit.EventTypes.StreamType;
import com.bbossiregi.timedeal.api.audit.RecordedEvent;
import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.common.ActorType;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.order.OrderStockReleasedEvent;
import com.bbossiregi.timedeal.api.product.ProductCategory;
import com.bbossiregi.timedeal.api.product.ProductCreatedEvent;
import com.bbossiregi.timedeal.api.product.ProductStatus;
import com.bbossiregi.timedeal.api.timedeal.ReservationRejection;
import com.bbossiregi.timedeal.api.timedeal.StockReservationRejectedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCanceledEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordedEventConverterTest {

    private static final Actor SHOPPER = Actor.user(2);

    private final ObjectMapper json = AppObjectMapper.get();
    private final RecordedEventConverter converter = new RecordedEventConverter(json);

    @Test
    void anOrderPlacementReadsAsTheContractsCreatedWithoutTheOrdersOwnId() throws Exception {
        RecordedEvent created = converter.toRecordedEvent(
                orderEvent(0, new OrderPlacedEvent(ORDER_ID, 2, 1, 2, 29900, 59800), SHOPPER));

        assertThat(created.eventType()).isEqualTo("CREATED");
        assertThat(json.writeValueAsString(created.payload()))
                .isEqualTo("{\"user_id\":2,\"time_deal_id\":1,\"quantity\":2,\"unit_price\":29900,\"total_price\":59800}");
    }

    @Test
    void theWholeRecordUsesTheApisNamesAndTimeStyle() throws Exception {
        RecordedEvent reserved = converter.toRecordedEvent(orderEvent(1, new OrderReservedEvent(ORDER_ID, 1, 2), SHOPPER));

        assertThat(json.writeValueAsString(reserved)).isEqualTo("{\"sequence\":1,\"event_type\":\"STOCK_RESERVED\","
                + "\"payload\":{\"time_deal_id\":1,\"quantity\":2},\"actor_id\":\"2\",\"actor_type\":\"user\","
                + "\"created_at\":\"2026-02-27T14:05:00Z\"}");
    }

    @Test
    void enumValuesInThePayloadAreLowerCase() throws Exception {
        RecordedEvent canceled = converter.toRecordedEvent(
                orderEvent(3, new OrderCanceledEvent(ORDER_ID, 1, CancellationReason.USER_REQUESTED), SHOPPER));

        assertThat(canceled.eventType()).isEqualTo("CANCELED");
        assertThat(json.writeValueAsString(canceled.payload())).isEqualTo("{\"time_deal_id\":1,\"reason\":\"user_requested\"}");
    }

    @Test
    void aDealsEventDropsTheDealIdAndKeepsTheOrderId() throws Exception {
        RecordedEvent reserved = converter.toRecordedEvent(dealEvent(4, new StockReservedEvent(1, ORDER_ID, 2, 1L,
                java.time.Instant.parse("2026-02-27T14:15:00Z")), SHOPPER));

        assertThat(reserved.eventType()).isEqualTo("STOCK_RESERVED");
        assertThat(json.writeValueAsString(reserved.payload())).isEqualTo("{\"order_id\":\"" + ORDER_ID
                + "\",\"quantity\":2,\"user_id\":1,\"hold_ends_at\":\"2026-02-27T14:15:00Z\"}");

        RecordedEvent rejected = converter.toRecordedEvent(dealEvent(5,
                new StockReservationRejectedEvent(1, ORDER_ID, 3, 1, ReservationRejection.INSUFFICIENT_STOCK), SHOPPER));
        assertThat(json.writeValueAsString(rejected.payload())).isEqualTo("{\"order_id\":\"" + ORDER_ID + "\","
                + "\"requested_quantity\":3,\"available_quantity\":1,\"reason\":\"insufficient_stock\"}");
    }

    @Test
    void aDealsCreationKeepsItsProductIdAndWritesInstantsToTheSecond() throws Exception {
        Instant start = Instant.parse("2026-02-27T14:00:00.500Z");
        RecordedEvent created = converter.toRecordedEvent(dealEvent(0, new TimeDealCreatedEvent(1, 1, 45000, 29900, 34,
                100, start, start.plusSeconds(3600), TimeDealStatus.ACTIVE, null), Actor.admin(1)));

        assertThat(created.eventType()).isEqualTo("DEAL_CREATED");
        assertThat(json.writeValueAsString(created.payload())).isEqualTo("{\"product_id\":1,\"original_price\":45000,"
                + "\"deal_price\":29900,\"discount_rate\":34,\"stock_quantity\":100,\"start_at\":\"2026-02-27T14:00:00Z\","
                + "\"end_at\":\"2026-02-27T15:00:00Z\",\"status\":\"active\",\"max_per_shopper\":null}");
        assertThat(created.actorType()).isEqualTo(ActorType.ADMIN);
        assertThat(created.actorId()).isEqualTo("1");
    }

    @Test
    void aProductsEventDropsTheProductIdAndKeepsMissingFieldsAsNull() throws Exception {
        RecordedEvent created = converter.toRecordedEvent(domainEvent("Product", "product-3", 0,
                new ProductCreatedEvent(3, "dog chew toy", null, 25000, null, null, ProductCategory.TOY,
                        ProductStatus.ACTIVE), Actor.SYSTEM));

        assertThat(created.eventType()).isEqualTo("PRODUCT_CREATED");
        assertThat(json.writeValueAsString(created.payload())).isEqualTo("{\"name\":\"dog chew toy\",\"description\":null,"
                + "\"price\":25000,\"image_url\":null,\"thumbnail_url\":null,\"category\":\"toy\",\"status\":\"active\"}");
    }

    @Test
    void anEventWithoutAnActorWasTheSystems() {
        RecordedEvent released = converter.toRecordedEvent(orderEvent(2, new OrderStockReleasedEvent(ORDER_ID, 1, 2), null));

        assertThat(released.actorType()).isEqualTo(ActorType.SYSTEM);
        assertThat(released.actorId()).isEqualTo("system");
        assertThat(released.eventType()).isEqualTo("STOCK_RELEASED");
    }

    @Test
    void theExportLineAddsWhereTheEventSitsInTheStore() throws JsonProcessingException {
        String line = json.writeValueAsString(
                converter.toRecordedGlobalEvent(42, dealEvent(7, new TimeDealCanceledEvent(1), Actor.admin(1))));

        assertThat(line).isEqualTo("{\"global_position\":42,\"stream_id\":\"timedeal-1\",\"stream_type\":\"time_deal\","
                + "\"sequence\":7,\"event_type\":\"DEAL_CANCELED\",\"payload\":{},\"actor_id\":\"1\",\"actor_type\":\"admin\","
                + "\"created_at\":\"2026-02-27T14:05:00Z\"}");
    }

    /** Stands for an event class added later without a public name. */
    record LoyaltyPointsGranted(String orderId, long timeDealId, int points) {
    }

    @Test
    void anEventWithoutAPublicNameShowsItsClassNameAndItsStreamComesFromTheId() throws Exception {
        var inOrderStream = converter.toRecordedGlobalEvent(9,
                orderEvent(5, new LoyaltyPointsGranted(ORDER_ID, 1, 30), SHOPPER));
        var inDealStream = converter.toRecordedGlobalEvent(10,
                domainEvent("TimeDeal", DEAL_STREAM, 9, new LoyaltyPointsGranted(ORDER_ID, 1, 30), SHOPPER));

        assertThat(inOrderStream.eventType()).isEqualTo("LoyaltyPointsGranted");
        assertThat(inOrderStream.streamType()).isEqualTo(StreamType.ORDER);
        assertThat(json.writeValueAsString(inOrderStream.payload())).isEqualTo("{\"time_deal_id\":1,\"points\":30}");
        assertThat(inDealStream.streamType()).isEqualTo(StreamType.TIME_DEAL);
        assertThat(json.writeValueAsString(inDealStream.payload()))
                .isEqualTo("{\"order_id\":\"" + ORDER_ID + "\",\"points\":30}");
    }

    @Test
    void eventTypeNamesComeFromTheAuditorsList() {
        assertThat(RecordedEventConverter.eventTypeName(OrderPlacedEvent.class)).isEqualTo("CREATED");
        assertThat(RecordedEventConverter.eventTypeName(OrderStockReleasedEvent.class)).isEqualTo("STOCK_RELEASED");
        assertThat(RecordedEventConverter.eventTypeName(TimeDealCanceledEvent.class)).isEqualTo("DEAL_CANCELED");
        assertThat(RecordedEventConverter.eventTypeName(ProductCreatedEvent.class)).isEqualTo("PRODUCT_CREATED");
        assertThat(RecordedEventConverter.eventTypeName(LoyaltyPointsGranted.class)).isEqualTo("LoyaltyPointsGranted");
    }
}
