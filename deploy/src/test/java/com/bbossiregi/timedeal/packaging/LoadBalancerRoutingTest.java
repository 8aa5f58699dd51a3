package com.bbossiregi.timedeal.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The routing rules of the load balancer (the {@code frontend api} section that {@code deploy/compose/haproxy.cfg}
 * and {@code deploy/k8s/base/haproxy.cfg} share, see {@link ComposeFileTest}) run in a real haproxy in front of two
 * stand-in backends that answer with their role: every path of the API reaches the role that serves it.
 */
class LoadBalancerRoutingTest {

    private static HttpServer command;
    private static HttpServer query;
    private static Process haproxy;
    private static int port;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startBalancer() throws Exception {
        DeployTool tool = DeployTool.require("haproxy", "haproxy");
        command = DeployTool.standInNode(exchange -> "command");
        query = DeployTool.standInNode(exchange -> "query");
        port = DeployTool.freePort();

        String shipped = Files.readString(DeployTool.DEPLOY.resolve("k8s/base/haproxy.cfg"));
        Matcher frontend = Pattern.compile("(?ms)^frontend api\\n.*?(?=^\\S|\\z)").matcher(shipped);
        assertThat(frontend.find()).isTrue();
        String config = """
                defaults
                    mode http
                    timeout connect 3s
                    timeout client 10s
                    timeout server 10s

                %s
                backend command
                    server command 127.0.0.1:%d

                backend query
                    server query 127.0.0.1:%d
                """.formatted(
                frontend.group().replaceFirst("bind :8080", "bind 127.0.0.1:" + port),
                command.getAddress().getPort(),
                query.getAddress().getPort());
        haproxy = tool.startHaproxy(config, port);
    }

    @AfterAll
    static void stop() {
        if (haproxy != null) {
            haproxy.destroy();
        }
        if (command != null) {
            command.stop(0);
        }
        if (query != null) {
            query.stop(0);
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "POST,   /api/v1/auth/register,                                  command",
            "POST,   /api/v1/auth/login,                                     command",
            "POST,   /api/v1/orders,                                         command",
            "DELETE, /api/v1/orders/7d1c1f5e,                                command",
            "POST,   /api/v1/orders/7d1c1f5e/payment,                        command",
            "POST,   /api/v1/admin/products,                                 command",
            "POST,   /api/v1/admin/timedeals,                                command",
            "DELETE, /api/v1/admin/timedeals/1,                              command",
            "GET,    /api/v1/admin/timedeals/1?as_of=2030-01-01T10:00:00Z,   command",
            "GET,    /api/v1/admin/orders/7d1c1f5e?as_of=2030-01-01T10:00:00Z, command",
            "GET,    /api/v1/health,                                         query",
            "GET,    /api/v1/timedeals?status=active,                        query",
            "GET,    /api/v1/timedeals/1,                                    query",
            "GET,    /api/v1/orders,                                         query",
            "GET,    /api/v1/orders/7d1c1f5e,                                query",
            "GET,    /api/v1/orders/7d1c1f5e/events,                         query",
            "GET,    /api/v1/admin/orders?time_deal_id=1,                    query",
            "GET,    /api/v1/admin/timedeals/1/events,                       query",
            "GET,    /api/v1/admin/events,                                   query",
            "GET,    /api/v1/admin/audit/timedeals/1,                        query",
            "GET,    /api/v1/admin/projections,                              query",
            "POST,   /api/v1/admin/projections/deal-listing/replay,          query",
    })
    void reachesTheRoleThatServesIt(String method, String path, String role) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(10))
                .build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(role);
    }
}
