package com.bbossiregi.timedeal.platform.axon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The positions the streaming processors have stored in the shared token store, whichever node runs their segments.
 * Read straight from {@code token_entry}: Axon's token store has no way to read a token without claiming it.
 */
class ProcessorTokens {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    ProcessorTokens(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** @return per processor, the token of each of its segments (null where a segment has none yet) */
    Map<String, List<TrackingToken>> of(Set<String> processors) {
        Map<String, List<TrackingToken>> tokens = new HashMap<>();
        if (processors.isEmpty()) {
            return tokens;
        }
        jdbc.sql("SELECT processor_name, token, token_type FROM token_entry WHERE processor_name IN (:names)")
                .param("names", processors)
                .query(rs -> {
                    byte[] token = rs.getBytes("token");
                    String type = rs.getString("token_type");
                    TrackingToken value = token == null || type == null ? null
                            : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
                    tokens.computeIfAbsent(rs.getString("processor_name"), name -> new ArrayList<>()).add(value);
                });
        return tokens;
    }
}
