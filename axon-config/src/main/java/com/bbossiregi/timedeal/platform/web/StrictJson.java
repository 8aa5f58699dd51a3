package com.bbossiregi.timedeal.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Exact types for request bodies, on the HTTP mapper only (the storage mapper reads what we wrote ourselves): no
 * number from a string, a fraction or a boolean ({@code "1"}, {@code "１"}, {@code ""}, {@code 1.5}, {@code true}), no
 * string from a number or a boolean, no instant from a number ({@code 1.5e400}), no unknown field, no duplicate key,
 * nothing after the value. Every string and instant is also checked against {@link StorableValues}.
 *
 * <p>The two deserializers below are ours because Jackson has no setting for "a string the database can store" or for
 * "an instant only from its ISO-8601 text"; they replace its own for {@link String} and {@link Instant}.
 */
final class StrictJson {

    private StrictJson() {
    }

    static void configure(Jackson2ObjectMapperBuilder builder) {
        SimpleModule storable = new SimpleModule("storable-values");
        storable.addDeserializer(String.class, new StorableStringDeserializer());
        storable.addDeserializer(Instant.class, new StorableInstantDeserializer());
        builder.featuresToEnable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(
                        DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .modulesToInstall(modules -> modules.add(storable))
                .postConfigurer(StrictJson::noCoercion);
    }

    private static void noCoercion(ObjectMapper mapper) {
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        for (LogicalType other : new LogicalType[] {LogicalType.Enum, LogicalType.POJO, LogicalType.DateTime}) {
            mapper.coercionConfigFor(other)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        }
    }

    /** Only a JSON string, and only one the database can store. */
    static final class StorableStringDeserializer extends StdScalarDeserializer<String> {

        StorableStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String value = p.getText();
            if (!StorableValues.isStorable(value)) {
                throw new UnstorableValue(p, StorableValues.UNSTORABLE_TEXT, String.class);
            }
            return value;
        }
    }

    /** Only ISO-8601 text ({@code 2026-02-27T14:05:00Z}), never epoch numbers, and only within the storable range. */
    static final class StorableInstantDeserializer extends StdScalarDeserializer<Instant> {

        StorableInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText();
            if (text.isBlank()) {
                throw new UnstorableValue(p, "must not be empty", Instant.class);
            }
            Instant value = InstantDeserializer.INSTANT.deserialize(p, ctxt);
            if (!StorableValues.isStorable(value)) {
                throw new UnstorableValue(p, StorableValues.UNSTORABLE_INSTANT, Instant.class);
            }
            return value;
        }
    }

    /** A value of the right JSON type that the edge still refuses; its message is written for the client. */
    static final class UnstorableValue extends InvalidFormatException {

        UnstorableValue(JsonParser p, String message, Class<?> targetType) {
            super(p, message, null, targetType);
        }
    }
}
