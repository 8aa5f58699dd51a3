package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A response whose body another thread writes (a live stock stream, the event export) has its headers in place before
 * its handler runs, so the request's own thread writes no header once that other thread may be writing the response.
 * Tomcat's header map is not safe for two threads: with the security headers written after the handler, a live stream
 * in a few thousand opened at once failed inside Tomcat, and its client never got an answer. A filter behind Spring
 * Security (the last of the servlet filters) notes, for each request, whether the response already carried the
 * security headers on its way to the handler.
 */
@Import(StreamHeadersIT.HeadersOnTheWayIn.class)
class StreamHeadersIT extends ApiTestBase {

    private static final TestDatabase.Settings DATABASE = TestDatabase.create("timedeal_stream_headers");
    private static final String SECURITY_HEADER = "X-Content-Type-Options";

    @DynamicPropertySource
    static void ownApplication(DynamicPropertyRegistry registry) {
        configure(registry, DATABASE);
    }

    @TestConfiguration
    static class HeadersOnTheWayIn {

        /** Request path to whether its response carried the security headers when the handler was reached. */
        static final Map<String, Boolean> seen = new ConcurrentHashMap<>();

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> recordHeadersBeforeTheHandler() {
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                    new OncePerRequestFilter() {
                        @Override
                        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                        FilterChain chain) throws ServletException, IOException {
                            seen.put(request.getRequestURI(), response.containsHeader(SECURITY_HEADER));
                            chain.doFilter(request, response);
                        }
                    });
            registration.setOrder(Ordered.LOWEST_PRECEDENCE);
            return registration;
        }
    }

    @Test
    void aDealsLiveStreamHasItsHeadersBeforeItsFirstEventIsWritten() {
        long timeDealId = api.activeDeal(api.admin().token(), 1, 9_000, 10);
        String path = "/api/v1/timedeals/" + timeDealId + "/live";
        try (SseClient stream = SseClient.open(port, path, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header(SECURITY_HEADER)).isEqualTo("nosniff");
            assertThat(stream.next(Duration.ofSeconds(10)).name()).isEqualTo("snapshot");
        }
        assertThat(HeadersOnTheWayIn.seen).containsEntry(path, true);
    }

    @Test
    void theAllDealsLiveStreamHasItsHeadersBeforeItsFirstEventIsWritten() {
        String path = "/api/v1/timedeals/live";
        try (SseClient stream = SseClient.open(port, path, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header(SECURITY_HEADER)).isEqualTo("nosniff");
        }
        assertThat(HeadersOnTheWayIn.seen).containsEntry(path, true);
    }

    @Test
    void theEventExportHasItsHeadersBeforeItsLinesAreWritten() {
        String path = "/api/v1/admin/events";
        Api.Response export = api.get(path + "?limit=5", api.admin().token());
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header(SECURITY_HEADER)).isEqualTo("nosniff");
        assertThat(export.raw().body()).isNotBlank();
        assertThat(HeadersOnTheWayIn.seen).containsEntry(path, true);
    }
}
