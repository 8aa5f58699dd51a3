package com.bbossiregi.timedeal.platform.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The public JSON style: snake_case names, lower-case enum values ({@code "active"}), enum values read in any
 * case, ISO-8601 UTC instants to the second ({@code 2026-02-27T14:05:00Z}), and no silent defaults for missing
 * numbers. What it reads is exact and storable ({@link StrictJson}).
 */
@AutoConfiguration
// The one error advice, for every role: the application scans only the packages of the sides it runs.
@org.springframework.context.annotation.Import(ApiExceptionHandler.class)
public class JsonConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer contractJsonStyle() {
        SimpleModule contractStyle = new SimpleModule("contract-style");
        contractStyle.addSerializer(Enum.class, new LowerCaseEnumSerializer());
        contractStyle.addSerializer(Instant.class, new SecondsInstantSerializer());
        return builder -> {
            builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .featuresToEnable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS,
                            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                            DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                    .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .modulesToInstall(contractStyle);
            StrictJson.configure(builder);
        };
    }

    @SuppressWarnings("rawtypes")
    static final class LowerCaseEnumSerializer extends JsonSerializer<Enum> {
        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }

    static final class SecondsInstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(DateTimeFormatter.ISO_INSTANT.format(value.truncatedTo(ChronoUnit.SECONDS)));
        }
    }
}
