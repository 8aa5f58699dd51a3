package com.bbossiregi.timedeal.query;

import com.bbossiregi.timedeal.platform.health.DatabaseHealthCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class HealthControllerTest {

    private static final Instant NOW = Instant.parse("2026-02-27T14:05:00Z");

    private final DatabaseHealthCheck database = mock(DatabaseHealthCheck.class);

    @Test
    void healthyWhenTheDatabaseAnswers() {
        when(database.check()).thenReturn(DatabaseHealthCheck.OK);

        var response = controller(buildProperties("1.2.3")).health();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).isEqualTo(new HealthController.HealthReport(
                "healthy", NOW, "1.2.3", Map.of("database", "ok")));
    }

    @Test
    void unhealthyWithTheReasonWhenItDoesNot() {
        when(database.check()).thenReturn("error: no answer within 2s");

        var response = controller(null).health();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getBody().status()).isEqualTo("unhealthy");
        assertThat(response.getBody().checks()).containsEntry("database", "error: no answer within 2s");
    }

    @Test
    void anUnhealthyAnswerIsJsonWhateverTheAcceptHeaderSays() throws Exception {
        when(database.check()).thenReturn("error: no answer within 2s");
        MockMvc mvc = MockMvcBuilders.standaloneSetup(controller(null)).build();

        mvc.perform(get("/api/v1/health").header("Accept", "garbage"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.status").value("unhealthy"));
    }

    @Test
    void withoutBuildInformationTheVersionFallsBackToTheJarOrDev() {
        String packaged = HealthController.class.getPackage().getImplementationVersion();
        assertThat(HealthController.versionOf(null)).isEqualTo(packaged != null ? packaged : "dev");
    }

    @SuppressWarnings("unchecked")
    private HealthController controller(BuildProperties buildProperties) {
        ObjectProvider<BuildProperties> provider = mock(ObjectProvider.class);
        when(provider.getIfAvailable()).thenReturn(buildProperties);
        return new HealthController(database, Clock.fixed(NOW, ZoneOffset.UTC), provider);
    }

    private static BuildProperties buildProperties(String version) {
        Properties properties = new Properties();
        properties.setProperty("version", version);
        return new BuildProperties(properties);
    }
}
