package com.bbossiregi.timedeal.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/compose.yaml} as {@code docker-compose config} reads it: valid, the services of the cluster with
 * their roles, images from variables with public defaults, secrets as files rather than environment, and the load
 * balancer routing exactly like the Kubernetes router.
 */
class ComposeFileTest {

    private static final Map<String, String> IMAGE_VARIABLES = Map.of(
            "TIMEDEAL_IMAGE", "timedeal:latest",
            "POSTGRES_IMAGE", "postgres:16",
            "HAPROXY_IMAGE", "haproxy:2.6",
            "PROMETHEUS_IMAGE", "prom/prometheus:v2.53.0",
            "GRAFANA_IMAGE", "grafana/grafana:11.1.0");
    private static final List<String> NODES = List.of("command-1", "command-2", "query-1", "query-2");

    private static DeployTool compose;

    @BeforeAll
    static void findTool() {
        compose = DeployTool.require("docker-compose", "docker-compose");
    }

    private static Map<String, String> withoutImageVariables() {
        Map<String, String> environment = new HashMap<>();
        IMAGE_VARIABLES.keySet().forEach(name -> environment.put(name, null));
        return environment;
    }

    private static Yamls.Node services(Map<String, String> environment) {
        String config = compose.succeed(environment, "-f", "compose.yaml", "config");
        return Yamls.nodes(config).get(0).node("services");
    }

    @Test
    void validatesQuietly() {
        compose.succeed(withoutImageVariables(), "-f", "compose.yaml", "config", "-q");
    }

    @Test
    void runsTheDatabaseTwoNodesOfEachRoleTheBalancerAndMonitoring() {
        Yamls.Node services = services(withoutImageVariables());
        assertThat(services.keys()).containsExactlyInAnyOrder(
                "postgres", "command-1", "command-2", "query-1", "query-2", "lb", "prometheus", "grafana");
        for (String node : NODES) {
            Map<String, String> environment = services.node(node, "environment").strings();
            assertThat(environment.get("TIMEDEAL_ROLE")).as(node).isEqualTo(node.substring(0, node.indexOf('-')));
            assertThat(environment.get("TIMEDEAL_CLUSTER_ENABLED")).as(node)
                    .isEqualTo(node.startsWith("command") ? "true" : null);
            assertThat(environment.get("MANAGEMENT_SERVER_PORT")).as(node).isEqualTo("8081");
            // The per-address rate limits count each client by the balancer's X-Forwarded-For (ClientAddressTest).
            assertThat(environment.get("SERVER_FORWARD_HEADERS_STRATEGY")).as(node).isEqualTo("native");
            assertThat(services.node(node, "healthcheck", "test").value().toString()).as(node)
                    .contains("/actuator/health/readiness");
            assertThat(services.node(node, "depends_on").keys()).as(node + " waits for").isNotEmpty();
        }
        assertThat(services.node("postgres", "healthcheck").exists()).isTrue();
        assertThat(services.list("lb", "ports")).as("the balancer is the one published entry point").hasSize(1);
        for (String node : NODES) {
            assertThat(services.node(node, "ports").exists()).as(node + " publishes no port").isFalse();
        }
    }

    @Test
    void secretsComeFromFilesNotFromTheEnvironment() {
        Yamls.Node services = services(withoutImageVariables());
        for (String node : NODES) {
            Map<String, String> environment = services.node(node, "environment").strings();
            assertThat(environment.keySet()).as(node)
                    .noneMatch(name -> name.contains("PASSWORD") || name.contains("JWT_SECRET"));
            assertThat(environment.get("DATABASE_URL")).as(node).doesNotContain("@");
            assertThat(services.list(node, "secrets")).extracting(s -> s.text("target"))
                    .as(node + " secrets, named after the properties they set")
                    .containsExactlyInAnyOrder("spring.datasource.password", "timedeal.security.jwt-secret");
        }
        assertThat(services.node("postgres", "environment").strings()).containsKey("POSTGRES_PASSWORD_FILE")
                .doesNotContainKey("POSTGRES_PASSWORD");
    }

    @Test
    void imagesArePublicByDefaultAndReplaceableByVariables() {
        Yamls.Node defaults = services(withoutImageVariables());
        assertThat(defaults.text("command-1", "image")).isEqualTo(IMAGE_VARIABLES.get("TIMEDEAL_IMAGE"));
        assertThat(defaults.text("postgres", "image")).isEqualTo(IMAGE_VARIABLES.get("POSTGRES_IMAGE"));
        assertThat(defaults.text("lb", "image")).isEqualTo(IMAGE_VARIABLES.get("HAPROXY_IMAGE"));

        Map<String, String> local = new HashMap<>();
        IMAGE_VARIABLES.keySet().forEach(name -> local.put(name, "localhost/probe-" + name.toLowerCase() + ":local"));
        Yamls.Node services = services(local);
        for (String service : services.keys()) {
            assertThat(services.text(service, "image")).as(service).startsWith("localhost/probe-");
        }
    }

    @Test
    void theBalancerRoutesLikeTheKubernetesRouter() throws IOException {
        String compose = routing(DeployTool.DEPLOY.resolve("compose/haproxy.cfg"));
        String kubernetes = routing(DeployTool.DEPLOY.resolve("k8s/base/haproxy.cfg"));
        assertThat(compose).contains("use_backend command").isEqualTo(kubernetes);
    }

    /** The {@code frontend api} section: where each method and path goes. */
    private static String routing(Path config) throws IOException {
        Matcher section = Pattern.compile("(?ms)^frontend api\\n(.*?)(?=^\\S|\\z)").matcher(Files.readString(config));
        assertThat(section.find()).as(config + " has a frontend api").isTrue();
        return section.group(1).strip();
    }
}
