package com.bbossiregi.timedeal.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The alert rules in deploy/monitoring as Prometheus reads them: {@code promtool check rules}, and their unit tests
 * ({@code alerts.test.yml}) under {@code promtool test rules}. promtool comes with Debian's {@code prometheus} package,
 * which {@code .ci/run} installs; on CI ({@code CI=true}) a missing promtool fails this test instead of skipping it.
 */
class MonitoringRulesTest {

    private static final Path MONITORING = Path.of("monitoring");

    @Test
    void theAlertRulesAreValid() throws Exception {
        assertThat(promtool(List.of("check", "rules", "alerts.yml"))).contains("SUCCESS");
    }

    @Test
    void theAlertRulesPassTheirUnitTests() throws Exception {
        assertThat(promtool(List.of("test", "rules", "alerts.test.yml"))).contains("SUCCESS");
    }

    @Test
    void thePrometheusConfigurationIsValid() throws Exception {
        assertThat(promtool(List.of("check", "config", "prometheus.yml"))).contains("SUCCESS");
    }

    private static String promtool(List<String> arguments) throws IOException, InterruptedException {
        Path promtool = onPath("promtool").orElseGet(() -> {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("promtool is missing: install Debian's prometheus package (.ci/run does)");
            }
            Assumptions.abort("promtool is not installed (Debian package prometheus)");
            return null;
        });
        List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(MONITORING.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
