package com.bbossiregi.timedeal.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The nodes count their per-address rate limits by the address in {@code X-Forwarded-For}, which they trust from
 * the balancer in front of them ({@code SERVER_FORWARD_HEADERS_STRATEGY=native} in compose.yaml and the Kubernetes
 * ConfigMap, see {@link ComposeFileTest} and {@link KubernetesManifestsTest}). What each shipped haproxy hands on,
 * run in a real haproxy before a stand-in node that answers with the header it received: compose's balancer is the
 * entry point and hands on only the address it saw (one the client wrote would let it pick its own bucket);
 * Kubernetes' router sits behind the Ingress controller and keeps the controller's header, adding the controller's
 * address, which the nodes skip as a private one.
 */
class ClientAddressTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpServer node;
    private Process haproxy;

    @AfterEach
    void stop() {
        if (haproxy != null) {
            haproxy.destroy();
        }
        if (node != null) {
            node.stop(0);
        }
    }

    @Test
    void composesEntryPointHandsOnTheAddressItSawNotOneTheClientWrote() throws Exception {
        int port = start("compose/haproxy.cfg");
        for (String path : List.of("/api/v1/orders", "/api/v1/timedeals")) {
            assertThat(forwardedFor(port, path, "203.0.113.9")).as(path).containsExactly("127.0.0.1");
            assertThat(forwardedFor(port, path, null)).as(path).containsExactly("127.0.0.1");
        }
    }

    @Test
    void kubernetesRouterKeepsTheIngressControllersAddressesAndAddsTheControllers() throws Exception {
        int port = start("k8s/base/haproxy.cfg");
        for (String path : List.of("/api/v1/orders", "/api/v1/timedeals")) {
            assertThat(forwardedFor(port, path, "203.0.113.9")).as(path).containsExactly("203.0.113.9", "127.0.0.1");
        }
    }

    /** The shipped file with its servers pointed at the stand-in node and without DNS or health checks. */
    private int start(String shipped) throws Exception {
        DeployTool tool = DeployTool.require("haproxy", "haproxy");
        // Answers with the X-Forwarded-For values it received, in order, joined by commas.
        node = DeployTool.standInNode(exchange -> String.join(",",
                exchange.getRequestHeaders().getOrDefault("X-Forwarded-For", List.of())));
        int port = DeployTool.freePort();
        String config = Files.readString(DeployTool.DEPLOY.resolve(shipped))
                .replaceAll("(?ms)^resolvers .*?(?=^\\S|\\z)", "")
                .replaceAll("(?m)^\\s*(default-server|option httpchk|http-check) .*$", "")
                .replaceAll("(?m)^(\\s*server \\S+) \\S+.*$", "$1 127.0.0.1:" + node.getAddress().getPort())
                .replaceAll("(?m)^(\\s*bind) :8080$", "$1 127.0.0.1:" + port)
                .replaceAll("(?m)^(\\s*log) .*$", "");
        haproxy = tool.startHaproxy(config, port);
        return port;
    }

    private static List<String> forwardedFor(int port, String path, String written) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (written != null) {
            request.header("X-Forwarded-For", written);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().isEmpty() ? List.of() : List.of(response.body().split(",\\s*"));
    }
}
