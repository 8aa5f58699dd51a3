package com.bbossiregi.timedeal.query.audit.stream;

import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.MAX_GAP_OFFSET;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.ORDER_ID;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.orderEvent;
import static com.bbossiregi.timedeal.query.audit.stream.StoredEvents.tracked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.order.OrderPlacedEvent;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import com.bbossiregi.timedeal.platform.security.SecurityConfiguration;
import com.bbossiregi.timedeal.platform.web.ApiExceptionHandler;
import com.bbossiregi.timedeal.platform.web.JsonConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Collections;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * The export on a real server with the application's security, without a database. A streamed answer is finished
 * by a second (async) dispatch that passes the security filters again; Spring Security 6 is known to refuse that
 * dispatch when the authentication is not kept for it, which only a real server shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = EventStoreExportOverHttpTest.ExportOnly.class)
class EventStoreExportOverHttpTest {

    private static final int EVENTS_IN_STORE = 5000;

    @SpringBootConfiguration
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
            TaskExecutionAutoConfiguration.class, JsonConfiguration.class, SecurityConfiguration.class,
            SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
    @Import({EventStoreExportController.class, EventStoreExport.class, RecordedEventConverter.class,
            ApiExceptionHandler.class})
    static class ExportOnly {

        /** A store of placements at positions 1 to 5000, read lazily like the JDBC engine's. */
        @Bean
        EventStorageEngine eventStorageEngine() {
            EventStorageEngine engine = mock(EventStorageEngine.class);
            when(engine.readEvents(any(TrackingToken.class), anyBoolean())).thenAnswer(call -> Stream
                    .iterate(1L, position -> position + 1)
                    .limit(EVENTS_IN_STORE)
                    .<TrackedEventMessage<?>>map(position -> tracked(
                            GapAwareTrackingToken.newInstance(position - 1, Collections.emptySortedSet())
                                    .advanceTo(position, MAX_GAP_OFFSET),
                            orderEvent(position - 1, new OrderPlacedEvent(ORDER_ID, 2, 1, 1, 29900, 29900),
                                    Actor.user(2)))));
            return engine;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder tokens;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAdministratorReceivesEveryLineAfterTheAsyncDispatch() throws Exception {
        HttpResponse<String> response = get("/api/v1/admin/events?limit=3000", token(AuthenticatedUser.ADMIN));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        String[] lines = response.body().split("\n");
        assertThat(lines).hasSize(3000);
        assertThat(lines[2999]).startsWith("{\"global_position\":3000,\"stream_id\":\"" + ORDER_ID + "\"");
    }

    @Test
    void aWrongParameterIsTheJsonErrorEnvelope() throws Exception {
        HttpResponse<String> response = get("/api/v1/admin/events?limit=0", token(AuthenticatedUser.ADMIN));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).startsWith("{\"success\":false,\"error\":{\"code\":\"BAD_REQUEST\"");
    }

    @Test
    void theExportIsForAdministratorsOnly() throws Exception {
        assertThat(get("/api/v1/admin/events", token(AuthenticatedUser.USER)).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/admin/events", null).statusCode()).isEqualTo(401);
    }

    private String token(String role) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().subject("1").claim(SecurityConfiguration.ROLE_CLAIM, role)
                .issuedAt(now).expiresAt(now.plusSeconds(600)).build();
        return tokens.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    private HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
