package com.bbossiregi.timedeal.query.audit.stream;

import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.MAX_GAP_OFFSET;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.ORDER_ID;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.orderEvent;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.tracked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.order.CancellationReason;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.platform.web.ApiExceptionHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The export over Spring MVC (without security or a database): NDJSON when valid, the error envelope when not. */
class EventStoreExportControllerTest {

    private final ObjectMapper json = AppObjectMapper.get();
    private final EventStorageEngine storageEngine = mock(EventStorageEngine.class);
    private final MockMvc mvc = MockMvcBuilders
            .standaloneSetup(new EventStoreExportController(
                    new EventStoreExport(StoredEvents.provided(EventStorageEngine.class, storageEngine), new RecordedEventConverter(json)), json))
            .setControllerAdvice(new ApiExceptionHandler())
            .setMessageConverters(new MappingJackson2HttpMessageConverter(json))
            .build();

    @Test
    void eachEventIsOneJsonLine() throws Exception {
        GapAwareTrackingToken first = GapAwareTrackingToken.newInstance(0, Collections.emptySortedSet())
                .advanceTo(1, MAX_GAP_OFFSET);
        GapAwareTrackingToken second = first.advanceTo(2, MAX_GAP_OFFSET);
        doReturn(Stream.of(
                tracked(first, orderEvent(0, new OrderPlacedEvent(ORDER_ID, 2, 1, 2, 29900, 59800), Actor.user(2))),
                tracked(second, orderEvent(1, new OrderCanceledEvent(ORDER_ID, 1, CancellationReason.ADMIN_REQUESTED),
                        Actor.admin(1)))))
                .when(storageEngine).readEvents(any(TrackingToken.class), anyBoolean());

        MvcResult started = mvc.perform(get("/api/v1/admin/events").param("from", "1"))
                .andExpect(request().asyncStarted())
                .andReturn();
        MvcResult finished = mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_NDJSON))
                .andReturn();

        String body = finished.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).endsWith("\n");
        String[] lines = body.split("\n");
        assertThat(lines).hasSize(2);
        JsonNode canceled = json.readTree(lines[1]);
        assertThat(canceled.path("global_position").asLong()).isEqualTo(2);
        assertThat(canceled.path("stream_id").asText()).isEqualTo(ORDER_ID);
        assertThat(canceled.path("stream_type").asText()).isEqualTo("order");
        assertThat(canceled.path("event_type").asText()).isEqualTo("CANCELED");
        assertThat(canceled.path("payload").toString()).isEqualTo("{\"time_deal_id\":1,\"reason\":\"admin_requested\"}");
        assertThat(canceled.path("actor_type").asText()).isEqualTo("admin");
    }

    @Test
    void aWrongParameterIsAnsweredWithTheErrorEnvelopeBeforeStreaming() throws Exception {
        mvc.perform(get("/api/v1/admin/events").param("type", "NOT_A_TYPE"))
                .andExpect(request().asyncNotStarted())
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.error.code").value("BAD_REQUEST"))
                .andExpect(jsonPath("$.error.message").value(org.hamcrest.Matchers.containsString("'type'")));
        mvc.perform(get("/api/v1/admin/events").param("limit", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.code").value("BAD_REQUEST"));
    }

    @Test
    void aClientAcceptingOnlyNdjsonStillGetsTheErrorEnvelope() throws Exception {
        mvc.perform(get("/api/v1/admin/events").param("limit", "10001").accept(MediaType.APPLICATION_NDJSON,
                        MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.code").value("BAD_REQUEST"));
    }

    @Test
    void withoutAJdbcEventStoreTheExportFailsBeforeStreaming() throws Exception {
        MockMvc withoutEngine = MockMvcBuilders
                .standaloneSetup(new EventStoreExportController(new EventStoreExport(
                        StoredEvents.provided(EventStorageEngine.class, null), new RecordedEventConverter(json)), json))
                .setControllerAdvice(new ApiExceptionHandler())
                .setMessageConverters(new MappingJackson2HttpMessageConverter(json))
                .build();

        withoutEngine.perform(get("/api/v1/admin/events"))
                .andExpect(request().asyncNotStarted())
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.error.code").value("INTERNAL_ERROR"));
    }
}
