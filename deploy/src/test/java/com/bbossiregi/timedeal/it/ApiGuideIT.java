package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated OpenAPI document, Swagger UI, and docs/api.md saying the same as the document. */
class ApiGuideIT extends SharedApplicationTest {

    private static final Path GUIDE = Path.of("..", "docs", "api.md");

    @Test
    void theGeneratedDocumentAndTheGuideAgreeOnEveryPathMethodStatusAndErrorCode() throws Exception {
        Api.Response document = api.get("/v3/api-docs", null);
        assertThat(document.status()).isEqualTo(200);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), document.raw().body());

        List<String> differences = ApiGuide.differences(
                ApiGuide.fromGuide(Files.readString(GUIDE)), ApiGuide.fromOpenApi(document.json()));
        assertThat(differences)
                .as("docs/api.md and GET /v3/api-docs (saved in deploy/target/openapi.json) differ:%n%s",
                        String.join(System.lineSeparator(), differences))
                .isEmpty();
    }

    @Test
    void theDocumentIsOpenApi31WithTheEnvelopesTheBearerSchemeAndExamples() {
        JsonNode document = api.get("/v3/api-docs", null).json();
        assertThat(document.path("openapi").asText()).startsWith("3.1");
        assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/components/schemas/ErrorEnvelope/properties/error").isMissingNode()).isFalse();
        JsonNode codes = document.at("/components/schemas/ErrorBody/properties/code/enum");
        assertThat(codes.toString()).contains("INSUFFICIENT_STOCK", "SERVICE_UNAVAILABLE");

        JsonNode place = document.at("/paths/~1api~1v1~1orders/post");
        assertThat(place.at("/security/0/bearerAuth").isArray()).isTrue();
        assertThat(place.at("/responses/409/content/application~1json/examples/INSUFFICIENT_STOCK/value/error/details/available")
                .asInt()).isEqualTo(1);
        JsonNode detail = document.at("/paths/~1api~1v1~1timedeals~1{id}/get");
        assertThat(detail.has("security")).isFalse();
        assertThat(detail.at("/responses/200/content/application~1json/schema/$ref").asText())
                .contains("ApiResponseTimeDealDetail");
        assertThat(document.at("/components/schemas/TimeDealDetail/properties").has("available_quantity")).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1timedeals~1live/get/responses/200/content").has("text/event-stream"))
                .isTrue();
    }

    @Test
    void swaggerUiIsServedWithoutAToken() {
        Api.Response ui = api.get("/swagger-ui/index.html", null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.raw().body()).contains("swagger-ui");
        assertThat(api.get("/swagger-ui.html", null).status()).isIn(200, 302);
    }
}
