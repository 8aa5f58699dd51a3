package com.bbossiregi.timedeal.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Serializes an aggregate or saga the way a Jackson snapshot or saga store would, reads it back and checks
 * that nothing was lost, so a field Jackson cannot handle fails here rather than on the first snapshot.
 */
public final class SnapshotRoundTrip {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules())
            .build();

    private SnapshotRoundTrip() {
    }

    public static <T> void assertSurvivesSnapshot(T state) {
        SerializedObject<String> serialized = SERIALIZER.serialize(state, String.class);
        T restored = SERIALIZER.deserialize(serialized);
        // A type with its own equals (a record, a map, the deal's order tables) is compared by it, not by its layout.
        assertThat(restored).isNotSameAs(state).usingRecursiveComparison().usingOverriddenEquals().isEqualTo(state);
    }
}
