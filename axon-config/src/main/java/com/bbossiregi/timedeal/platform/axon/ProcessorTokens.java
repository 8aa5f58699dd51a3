package com.bbossiregi.timedeal.platform.axon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The positions the streaming processors have stored in the shared token store, whichever node runs their segments.
 * Read straight from {@code token_entry}: Axon's token store has no way to read a token without claiming it. Also
 * answers whether events exist at given global indexes, to tell a late commit from an index never committed.
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

    /**
     * @return those of these global indexes that hold an event (passed as one array: after an outage a token may carry
     *         thousands of gaps, more than a statement takes parameters)
     */
    Set<Long> stored(Set<Long> globalIndexes) {
        String indexes = globalIndexes.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        return new HashSet<>(jdbc.sql("SELECT global_index FROM domain_event_entry"
                        + " WHERE global_index = ANY (CAST(:indexes AS bigint[]))")
                .param("indexes", indexes)
                .query(Long.class).list());
    }
}
