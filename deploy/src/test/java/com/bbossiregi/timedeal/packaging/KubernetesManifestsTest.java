package com.bbossiregi.timedeal.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code kubectl kustomize deploy/k8s/base} renders: the objects a cluster would get, checked for what running
 * the system needs (probes, resources, non-root, secrets by reference, each role once, scaling and disruption
 * budgets that find their pods, images that an overlay can replace).
 */
class KubernetesManifestsTest {

    private static final Path BASE = DeployTool.DEPLOY.resolve("k8s/base");
    private static final String APP_CONTAINER = "timedeal";
    private static final Set<String> SECRET_SETTINGS = Set.of("DATABASE_URL", "TIMEDEAL_SECURITY_JWT_SECRET");

    private static DeployTool kubectl;
    private static List<Yamls.Node> objects;

    @BeforeAll
    static void render() {
        kubectl = DeployTool.require("kubectl", "kubernetes-client");
        objects = Yamls.nodes(kubectl.succeed(Map.of(), "kustomize", BASE.toString()));
    }

    private static List<Yamls.Node> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.text("kind"))).toList();
    }

    private static Yamls.Node named(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.text("metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " is rendered"));
    }

    /** The Deployments that run the application (as opposed to the router in front of it). */
    private static List<Yamls.Node> applicationDeployments() {
        List<Yamls.Node> deployments = ofKind("Deployment").stream()
                .filter(d -> containers(d).stream().anyMatch(c -> APP_CONTAINER.equals(c.text("name"))))
                .toList();
        assertThat(deployments).as("Deployments running the application").isNotEmpty();
        return deployments;
    }

    private static List<Yamls.Node> containers(Yamls.Node deployment) {
        return deployment.list("spec", "template", "spec", "containers");
    }

    private static Yamls.Node appContainer(Yamls.Node deployment) {
        return containers(deployment).stream().filter(c -> APP_CONTAINER.equals(c.text("name"))).findFirst()
                .orElseThrow();
    }

    private static String role(Yamls.Node deployment) {
        return appContainer(deployment).list("env").stream()
                .filter(e -> "TIMEDEAL_ROLE".equals(e.text("name")))
                .map(e -> e.text("value"))
                .findFirst().orElse(null);
    }

    @Test
    void oneDeploymentPerRoleWithItsRoleSetLiterally() {
        assertThat(applicationDeployments()).extracting(KubernetesManifestsTest::role)
                .containsExactlyInAnyOrder("command", "query");
    }

    @Test
    void probesAskTheActuatorHealthGroupsOnTheManagementPort() {
        for (Yamls.Node deployment : applicationDeployments()) {
            Yamls.Node container = appContainer(deployment);
            String name = deployment.text("metadata", "name");
            Yamls.Node managementPort = container.list("ports").stream()
                    .filter(p -> "management".equals(p.text("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " declares no port named management"));
            assertThat(managementPort.integer("containerPort")).as(name + " management port").isEqualTo(8081);

            assertProbe(name, container, "livenessProbe", "/actuator/health/liveness");
            assertProbe(name, container, "readinessProbe", "/actuator/health/readiness");
        }
    }

    private static void assertProbe(String deployment, Yamls.Node container, String probe, String path) {
        Yamls.Node get = container.node(probe, "httpGet");
        assertThat(get.exists()).as("%s has a %s over HTTP", deployment, probe).isTrue();
        assertThat(get.text("path")).as("%s %s path", deployment, probe).isEqualTo(path);
        assertThat(get.text("port")).as("%s %s port", deployment, probe).isIn("management", "8081");
    }

    @Test
    void everyContainerHasResourceRequestsAndLimits() {
        for (Yamls.Node deployment : ofKind("Deployment")) {
            for (Yamls.Node container : containers(deployment)) {
                String where = deployment.text("metadata", "name") + "/" + container.text("name");
                for (String bound : List.of("requests", "limits")) {
                    assertThat(container.text("resources", bound, "cpu")).as(where + " cpu " + bound).isNotBlank();
                    assertThat(container.text("resources", bound, "memory")).as(where + " memory " + bound)
                            .isNotBlank();
                }
            }
        }
    }

    @Test
    void everyContainerRunsAsANonRootUserWithoutPrivilegeEscalation() {
        for (Yamls.Node deployment : ofKind("Deployment")) {
            Yamls.Node pod = deployment.node("spec", "template", "spec", "securityContext");
            for (Yamls.Node container : containers(deployment)) {
                String where = deployment.text("metadata", "name") + "/" + container.text("name");
                Yamls.Node own = container.node("securityContext");
                Boolean nonRoot = own.bool("runAsNonRoot") != null ? own.bool("runAsNonRoot") : pod.bool("runAsNonRoot");
                Integer user = own.integer("runAsUser") != null ? own.integer("runAsUser") : pod.integer("runAsUser");
                assertThat(nonRoot).as(where + " runAsNonRoot").isTrue();
                assertThat(user).as(where + " runAsUser").isNotNull().isNotZero();
                assertThat(own.bool("allowPrivilegeEscalation")).as(where + " allowPrivilegeEscalation").isFalse();
            }
        }
    }

    /** Behind the router, the per-address rate limits count each client, not the router (ClientAddressTest). */
    @Test
    void theNodesTakeTheClientsAddressFromTheRoutersForwardedHeader() {
        for (Yamls.Node deployment : applicationDeployments()) {
            Map<String, String> settings = new HashMap<>();
            for (Yamls.Node source : appContainer(deployment).list("envFrom")) {
                String configMap = source.text("configMapRef", "name");
                if (configMap != null) {
                    settings.putAll(named("ConfigMap", configMap).node("data").strings());
                }
            }
            for (Yamls.Node variable : appContainer(deployment).list("env")) {
                settings.put(variable.text("name"), variable.text("value"));
            }
            assertThat(settings.get("SERVER_FORWARD_HEADERS_STRATEGY")).as(deployment.text("metadata", "name"))
                    .isEqualTo("native");
        }
    }

    @Test
    void secretsAreReferencedFromTheSecretNeverWrittenIntoADeployment() {
        Yamls.Node secret = named("Secret", "timedeal-secrets");
        Set<String> keys = new HashSet<>(secret.node("stringData").keys());
        keys.addAll(secret.node("data").keys());
        assertThat(keys).as("keys of the Secret").containsAll(SECRET_SETTINGS);
        Set<String> secretValues = secret.node("stringData").keys().stream()
                .map(k -> secret.text("stringData", k)).collect(Collectors.toSet());

        for (Yamls.Node deployment : applicationDeployments()) {
            String name = deployment.text("metadata", "name");
            List<Yamls.Node> env = appContainer(deployment).list("env");
            for (String setting : SECRET_SETTINGS) {
                Yamls.Node variable = env.stream().filter(e -> setting.equals(e.text("name"))).findFirst()
                        .orElseThrow(() -> new AssertionError(name + " does not set " + setting));
                assertThat(variable.text("value")).as(name + " " + setting + " inlined").isNull();
                Yamls.Node reference = variable.node("valueFrom", "secretKeyRef");
                assertThat(reference.text("name")).as(name + " " + setting + " secret").isEqualTo("timedeal-secrets");
                assertThat(keys).as(name + " " + setting + " key").contains(reference.text("key"));
            }
            for (Yamls.Node variable : env) {
                assertThat(secretValues).as(name + " " + variable.text("name") + " holds a secret's value")
                        .doesNotContain(variable.text("value"));
            }
            // Whatever the container reads from a ConfigMap must not be a secret either.
            for (Yamls.Node source : appContainer(deployment).list("envFrom")) {
                String configMap = source.text("configMapRef", "name");
                if (configMap != null) {
                    assertThat(named("ConfigMap", configMap).node("data").keys()).as(configMap)
                            .doesNotContainAnyElementsOf(SECRET_SETTINGS);
                }
            }
        }
        assertThat(secretValues).as("the Secret's values are marked as placeholders")
                .allSatisfy(value -> assertThat(value).contains("CHANGE-ME"));
    }

    @Test
    void commandNodesFormTheRingOnTheirPodsOwnAddress() {
        for (Yamls.Node deployment : applicationDeployments()) {
            Map<String, Yamls.Node> env = appContainer(deployment).list("env").stream()
                    .collect(Collectors.toMap(e -> e.text("name"), e -> e));
            String name = deployment.text("metadata", "name");
            if ("command".equals(role(deployment))) {
                assertThat(env.get("TIMEDEAL_CLUSTER_ENABLED").text("value")).as(name).isEqualTo("true");
                assertThat(env.get("TIMEDEAL_CLUSTER_BIND_ADDRESS").text("valueFrom", "fieldRef", "fieldPath"))
                        .as(name + " binds to").isEqualTo("status.podIP");
            } else {
                assertThat(env).as(name + " stays out of the ring").doesNotContainKey("TIMEDEAL_CLUSTER_ENABLED");
            }
        }
    }

    @Test
    void theAutoscalerScalesTheQueryDeployment() {
        List<Yamls.Node> autoscalers = ofKind("HorizontalPodAutoscaler");
        assertThat(autoscalers).hasSize(1);
        Yamls.Node target = autoscalers.get(0).node("spec", "scaleTargetRef");
        assertThat(target.text("kind")).isEqualTo("Deployment");
        assertThat(role(named("Deployment", target.text("name")))).isEqualTo("query");
        assertThat(autoscalers.get(0).integer("spec", "minReplicas")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void everyRoleHasADisruptionBudgetThatSelectsItsPods() {
        Set<String> covered = new HashSet<>();
        for (Yamls.Node budget : ofKind("PodDisruptionBudget")) {
            Map<String, String> selector = budget.node("spec", "selector", "matchLabels").strings();
            assertThat(selector).as(budget.text("metadata", "name") + " selector").isNotEmpty();
            List<Yamls.Node> selected = ofKind("Deployment").stream()
                    .filter(d -> d.node("spec", "template", "metadata", "labels").strings().entrySet()
                            .containsAll(selector.entrySet()))
                    .toList();
            assertThat(selected).as(budget.text("metadata", "name") + " selects pods of a Deployment").isNotEmpty();
            selected.stream().map(KubernetesManifestsTest::role).forEach(covered::add);
        }
        assertThat(covered).contains("command", "query");
    }

    @Test
    void servicesAndTheIngressReachExistingPods() {
        for (Yamls.Node service : ofKind("Service")) {
            Map<String, String> selector = service.node("spec", "selector").strings();
            assertThat(ofKind("Deployment")).as(service.text("metadata", "name") + " selects pods")
                    .anyMatch(d -> d.node("spec", "template", "metadata", "labels").strings().entrySet()
                            .containsAll(selector.entrySet()));
        }
        for (Yamls.Node ingress : ofKind("Ingress")) {
            for (Yamls.Node rule : ingress.list("spec", "rules")) {
                for (Yamls.Node path : rule.list("http", "paths")) {
                    named("Service", path.text("backend", "service", "name"));
                }
            }
        }
        for (Yamls.Node deployment : ofKind("Deployment")) {
            for (Yamls.Node volume : deployment.list("spec", "template", "spec", "volumes")) {
                String configMap = volume.text("configMap", "name");
                if (configMap != null) {
                    named("ConfigMap", configMap);
                }
            }
        }
    }

    @Test
    void theExampleOverlayRendersWithoutThePlaceholderSecret() {
        List<Yamls.Node> rendered = Yamls.nodes(kubectl.succeed(Map.of(), "kustomize",
                DeployTool.DEPLOY.resolve("k8s/overlays/example").toString()));
        assertThat(rendered).extracting(o -> o.text("kind")).doesNotContain("Secret").contains("Deployment");
        assertThat(rendered).allSatisfy(o -> assertThat(o.text("metadata", "namespace")).isEqualTo("timedeal"));
        // Its Deployments still read the Secret created out of band.
        assertThat(rendered.stream().filter(o -> "Deployment".equals(o.text("kind")))
                .flatMap(d -> d.list("spec", "template", "spec", "containers").stream())
                .flatMap(c -> c.list("env").stream())
                .map(e -> e.text("valueFrom", "secretKeyRef", "name"))
                .filter(java.util.Objects::nonNull))
                .isNotEmpty().containsOnly("timedeal-secrets");
    }

    @Test
    void imagesAreNamesAnOverlayReplaces(@TempDir Path overlay) throws IOException {
        // kustomize takes only relative paths to a base.
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                images:
                  - name: timedeal
                    newName: probe/timedeal
                    newTag: "9.9.9"
                  - name: haproxy
                    newName: probe/haproxy
                    newTag: "9.9"
                """.formatted(overlay.relativize(BASE)));
        List<Yamls.Node> rendered = Yamls.nodes(kubectl.succeed(Map.of(), "kustomize", overlay.toString()));
        List<String> images = rendered.stream().filter(o -> "Deployment".equals(o.text("kind")))
                .flatMap(d -> d.list("spec", "template", "spec", "containers").stream())
                .map(c -> c.text("image"))
                .toList();
        assertThat(images).isNotEmpty().allMatch(image -> image.startsWith("probe/"), "set by the overlay");
        assertThat(images).contains("probe/timedeal:9.9.9", "probe/haproxy:9.9");
    }
}
