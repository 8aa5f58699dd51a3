package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** XStream is excluded from the build (root pom, enforcer rule); nothing here may need it. */
class NoXStreamTest {

    @Test
    void xStreamIsNotOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("com.thoughtworks.xstream.XStream"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void everySerializerIsJackson() {
        AxonWiring wiring = new AxonWiring();
        assertThat(wiring.serializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(wiring.eventSerializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(wiring.messageSerializer()).isInstanceOf(JacksonSerializer.class);
    }
}
