package com.bbossiregi.timedeal.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every object {@code kubectl kustomize} renders, read into the Kubernetes API's own object model (fabric8's):
 * each is a kind and version a cluster serves, and no field is one the API does not know (a misspelled
 * {@code readinesProbe} would otherwise be dropped by the API server without a word, and the pod run unprobed).
 */
class KubernetesSchemaTest {

    private static final Map<String, Class<?>> TYPES = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "v1 Service", Service.class,
            "v1 ServiceAccount", ServiceAccount.class,
            "v1 ConfigMap", ConfigMap.class,
            "v1 Secret", Secret.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1 Ingress", Ingress.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/example"})
    void everyRenderedFieldIsOneTheApiKnows(String kustomization) {
        DeployTool kubectl = DeployTool.require("kubectl", "kubernetes-client");
        List<Yamls.Node> objects = Yamls.nodes(
                kubectl.succeed(Map.of(), "kustomize", DeployTool.DEPLOY.resolve(kustomization).toString()));
        assertThat(objects).isNotEmpty();
        List<String> unknown = new ArrayList<>();
        for (Yamls.Node object : objects) {
            String type = object.text("apiVersion") + " " + object.text("kind");
            assertThat(TYPES).as("a kind this test knows").containsKey(type);
            Object typed = JSON.convertValue(object.value(), TYPES.get(type));
            collectUnknownFields(typed, type + " " + object.text("metadata", "name"), unknown);
        }
        assertThat(unknown).as("fields the Kubernetes API does not know").isEmpty();
    }

    /** Walks the model: every field Jackson could not place landed in an object's additional properties. */
    private static void collectUnknownFields(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> collectUnknownFields(item, path + "." + key, unknown));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0) {
                continue;
            }
            if (getter.isAnnotationPresent(JsonAnyGetter.class)) {
                Map<?, ?> extra = (Map<?, ?>) read(getter, value);
                if (extra != null && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else if (getter.isAnnotationPresent(JsonProperty.class)) {
                collectUnknownFields(read(getter, value),
                        path + "." + getter.getAnnotation(JsonProperty.class).value(), unknown);
            }
        }
    }

    private static Object read(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter + " on " + target, e);
        }
    }
}
