package com.bbossiregi.timedeal.platform.axon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * Reads a stored message's metadata as Axon's own {@code MetaDataDeserializer} does (a JSON object into
 * {@link MetaData}), but with Jackson's deserializer for the map looked up once. Axon's looks it up on every call, and
 * Jackson does not cache a deserializer of {@code Map<String, Object>} (its value deserializer makes it uncachable), so
 * every event every processor read built and resolved a new one: 4 to 9 of about 900 profile samples under the hot
 * deal (docs/benchmarks.md, round 36). Registered on the storage mapper after Axon's serializer registered its own, so
 * this one is found first; Axon offers no setting for it.
 */
final class StoredMetaData extends StdDeserializer<MetaData> {

    private static final JavaType MAP = TypeFactory.defaultInstance()
            .constructMapType(Map.class, String.class, Object.class);

    /** Resolved on first use; a deserializer Jackson built and resolved is immutable and safe to share. */
    private volatile JsonDeserializer<Object> map;

    private StoredMetaData() {
        super(MetaData.class);
    }

    /** Puts this reader in front of the one Axon's {@code JacksonSerializer} registered on {@code mapper}. */
    static void registerOn(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("timedeal-stored-metadata")
                .addDeserializer(MetaData.class, new StoredMetaData()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public MetaData deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonDeserializer<Object> deserializer = map;
        if (deserializer == null) {
            deserializer = context.findRootValueDeserializer(MAP);
            map = deserializer;
        }
        return MetaData.from((Map<String, ?>) deserializer.deserialize(parser, context));
    }
}
