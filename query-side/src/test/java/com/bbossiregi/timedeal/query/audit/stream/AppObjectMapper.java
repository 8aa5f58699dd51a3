package com.bbossiregi.timedeal.query.audit.stream;

import com.bbossiregi.timedeal.platform.web.JsonConfiguration;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The HTTP ObjectMapper exactly as the application builds it: Spring Boot's Jackson auto-configuration with the
 * contract's JSON style applied, so a change to that style shows up in these tests.
 */
final class AppObjectMapper {

    private static final ObjectMapper INSTANCE = build();

    private AppObjectMapper() {
    }

    static ObjectMapper get() {
        return INSTANCE;
    }

    private static ObjectMapper build() {
        AtomicReference<ObjectMapper> mapper = new AtomicReference<>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, JsonConfiguration.class))
                .run(context -> mapper.set(context.getBean(ObjectMapper.class)));
        return mapper.get();
    }
}
