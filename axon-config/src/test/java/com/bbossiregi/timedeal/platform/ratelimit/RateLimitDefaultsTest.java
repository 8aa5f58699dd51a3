package com.bbossiregi.timedeal.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.DurationStyle;

/**
 * The limits' defaults are filled in by {@link RateLimitSettings}' constructor, and written once more for the
 * configuration metadata (additional-spring-configuration-metadata.json): the two must agree.
 */
class RateLimitDefaultsTest {

    @Test
    void theMetadataStatesTheDefaultsTheSettingsApply() throws IOException {
        RateLimitSettings bound = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("timedeal.rate-limits", RateLimitSettings.class);
        Map<String, RateLimitSettings.Limit> limits = Map.of(
                "login-per-address", bound.loginPerAddress(),
                "login-per-account", bound.loginPerAccount(),
                "register-per-address", bound.registerPerAddress(),
                "orders-per-address", bound.ordersPerAddress(),
                "orders-per-account", bound.ordersPerAccount());
        Map<String, JsonNode> metadata = metadata();

        limits.forEach((name, limit) -> {
            String prefix = "timedeal.rate-limits." + name + ".";
            assertThat(metadata.get(prefix + "capacity").asLong()).as(prefix + "capacity").isEqualTo(limit.capacity());
            assertThat(DurationStyle.detectAndParse(metadata.get(prefix + "period").asText())).as(prefix + "period")
                    .isEqualTo(limit.period());
            assertThat(metadata.get(prefix + "enabled").asBoolean()).as(prefix + "enabled").isEqualTo(limit.enabled());
        });
    }

    private static Map<String, JsonNode> metadata() throws IOException {
        Map<String, JsonNode> defaults = new TreeMap<>();
        try (InputStream in = RateLimitSettings.class.getResourceAsStream(
                "/META-INF/additional-spring-configuration-metadata.json")) {
            for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
                if (property.has("defaultValue")) {
                    defaults.put(property.path("name").asText(), property.get("defaultValue"));
                }
            }
        }
        return defaults;
    }
}
