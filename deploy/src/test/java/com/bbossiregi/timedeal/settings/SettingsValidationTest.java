package com.bbossiregi.timedeal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.validation.annotation.Validated;

/**
 * Every settings record is bound and validated when the application starts: a bad value (out of range, or one that
 * does not convert) refuses to start, and Boot's failure report names the setting ({@code Property: timedeal...}).
 * The application here is every settings record of the whole system and nothing else, so each case takes a moment;
 * SettingsIT shows the same with the real application.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsValidationTest {

    private static final String BASE_PACKAGE = "com.bbossiregi.timedeal";

    /** Every {@code @ConfigurationProperties} record of the system, registered (bound, validated) at start-up. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan(BASE_PACKAGE)
    static class AllSettings {
    }

    /** One bad value per case, from different areas; an upper-case name is set as an environment variable. */
    static Stream<Arguments> badSettings() {
        return Stream.of(
                arguments("TIMEDEAL_PROCESSORS_BATCH_SIZE", "0", "timedeal.processors.batch-size"),
                arguments("timedeal.processors.batch-size", "abc", "timedeal.processors.batch-size"),
                arguments("timedeal.processors.retry.max-wait", "0s", "timedeal.processors.retry.max-wait"),
                arguments("timedeal.payment.simulator.failure-rate", "2", "timedeal.payment.simulator.failure-rate"),
                arguments("TIMEDEAL_PAYMENT_TIMEOUT", "-1s", "timedeal.payment.timeout"),
                arguments("timedeal.orders.reservation-hold", "-1s", "timedeal.orders.reservation-hold"),
                arguments("timedeal.caches.orders", "0", "timedeal.caches.orders"),
                arguments("timedeal.snapshots.time-deal-every-events", "-5", "timedeal.snapshots.time-deal-every-events"),
                arguments("timedeal.snapshots.time-deal-spacing-bytes-per-event", "0",
                        "timedeal.snapshots.time-deal-spacing-bytes-per-event"),
                arguments("TIMEDEAL_SNAPSHOTS_TIME_DEAL_SPACING_MAX_EVENTS", "-1",
                        "timedeal.snapshots.time-deal-spacing-max-events"),
                arguments("timedeal.security.verified-tokens-cache", "lots", "timedeal.security.verified-tokens-cache"),
                arguments("timedeal.security.token-lifetime", "0s", "timedeal.security.token-lifetime"),
                arguments("timedeal.security.account-status.maximum-accounts", "0",
                        "timedeal.security.account-status.maximum-accounts"),
                arguments("timedeal.cluster.port", "70000", "timedeal.cluster.port"),
                arguments("TIMEDEAL_ROLE", "everything", "timedeal.role"),
                arguments("timedeal.rate-limits.orders-per-account.capacity", "0",
                        "timedeal.rate-limits.orders-per-account.capacity"),
                arguments("timedeal.rate-limits.unsynchronized-share", "1", "timedeal.rate-limits.unsynchronized-share"),
                arguments("timedeal.live.max-subscribers", "0", "timedeal.live.max-subscribers"),
                arguments("timedeal.edge.connection-buffers.read", "100B",
                        "timedeal.edge.connection-buffers.read-within-bounds"),
                arguments("TIMEDEAL_EDGE_CONNECTIONBUFFERS_WRITE", "lots", "timedeal.edge.connection-buffers.write"),
                arguments("TIMEDEAL_EDGE_CONNECTIONBUFFERS_DIRECT", "maybe", "timedeal.edge.connection-buffers.direct"),
                arguments("timedeal.metrics.stock-refresh", "0s", "timedeal.metrics.stock-refresh"),
                arguments("timedeal.database.embedded.startup-timeout", "0s", "timedeal.database.embedded.startup-timeout"),
                arguments("timedeal.bootstrap-admin.password", "short", "timedeal.bootstrap-admin.password"),
                arguments("timedeal.consistency.sagas", " ", "timedeal.consistency.sagas"),
                arguments("timedeal.consistency.read-model-poll", "0ms", "timedeal.consistency.read-model-poll"));
    }

    @Test
    void theDefaultsAreValid() {
        try (ConfigurableApplicationContext context = start(Map.of())) {
            assertThat(context.isActive()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badSettings")
    void aBadValueRefusesToStartNamingTheSetting(String name, String value, String property, CapturedOutput output) {
        assertThatThrownBy(() -> start(Map.of(name, value)).close()).hasStackTraceContaining("BindException");
        String report = output.getAll();
        assertThat(report).contains("APPLICATION FAILED TO START");
        // Boot names the setting as its record's field path (timedeal.processors.batchSize, for a value that breaks a
        // constraint) or as its canonical name (timedeal.processors.batch-size, for a value that does not convert):
        // the same setting either way; an element of a list is named with [] after it.
        Matcher named = Pattern.compile("Property: (\\S+)").matcher(report);
        assertThat(named.find()).as("the report names a property:%n%s", report).isTrue();
        assertThat(relaxed(named.group(1))).isEqualTo(relaxed(property));
    }

    /** The form Spring's relaxed binding matches names in: case, dashes and an element's index make no difference. */
    private static String relaxed(String name) {
        return name.replaceAll("\\[[^]]*]", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** A record without {@code @Validated} would bind any value without checking it. */
    @Test
    void everySettingsRecordIsValidated() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> records = new ArrayList<>();
        List<String> unvalidated = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(BASE_PACKAGE)) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            records.add(type.getName());
            if (!AnnotatedElementUtils.hasAnnotation(type, Validated.class)) {
                unvalidated.add(type.getName());
            }
        }
        assertThat(records).hasSizeGreaterThan(15);
        assertThat(unvalidated).isEmpty();
    }

    private static ConfigurableApplicationContext start(Map<String, Object> settings) {
        List<String> arguments = new ArrayList<>();
        Map<String, Object> environment = new java.util.HashMap<>();
        settings.forEach((name, value) -> {
            if (name.equals(name.toUpperCase())) {
                environment.put(name, value);
            } else {
                arguments.add("--" + name + "=" + value);
            }
        });
        return new SpringApplicationBuilder(AllSettings.class)
                .web(WebApplicationType.NONE)
                .initializers(context -> context.getEnvironment().getPropertySources().addFirst(
                        // Spring maps TIMEDEAL_X_Y onto timedeal.x.y only for a source named like the real environment.
                        new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
                .run(arguments.toArray(String[]::new));
    }
}
