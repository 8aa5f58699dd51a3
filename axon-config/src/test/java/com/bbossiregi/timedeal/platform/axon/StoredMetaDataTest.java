package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class StoredMetaDataTest {

    private final ObjectMapper mapper = StorageObjectMapper.create();
    private final Serializer serializer = AxonWiring.storageSerializer(mapper);

    @Test
    void theStorageMapperReadsMetaDataWithItsOwnReaderNotAxons() throws Exception {
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createDummyInstance(mapper.getDeserializationConfig());
        assertThat(context.findRootValueDeserializer(mapper.constructType(MetaData.class)))
                .isInstanceOf(StoredMetaData.class);
    }

    @Test
    void readsWhatAxonsOwnReaderReadsEveryTime() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        values.put("actorId", "42");
        values.put("count", 3);
        values.put("nothing", null);
        values.put("nested", Map.of("a", List.of(1, "two")));
        MetaData metaData = MetaData.from(values);
        SerializedObject<byte[]> stored = serializer.serialize(metaData, byte[].class);

        Serializer axons = JacksonSerializer.builder().objectMapper(StorageObjectMapper.create()).build();
        MetaData expected = axons.deserialize(stored);
        assertThat(expected).isEqualTo(metaData);
        for (int i = 0; i < 3; i++) {
            MetaData read = serializer.deserialize(stored);
            assertThat(read).isEqualTo(expected);
        }
        assertThat((MetaData) serializer.deserialize(serializer.serialize(MetaData.emptyInstance(), byte[].class)))
                .isEmpty();
    }
}
