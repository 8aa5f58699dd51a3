package com.bbossiregi.timedeal.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain java.net.http calls for the simulations' set-up and wrap-up (never for the measured load): admin login,
 * a fresh product-linked deal per simulation, shopper registration and login, and the deal's final counters.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_EMAIL = "admin@bbossiregi.com";
    static final String ADMIN_PASSWORD = "admin1234!";

    record Response(int status, JsonNode body) {
        JsonNode data() {
            return body.path("data");
        }

        String errorCode() {
            return body.path("error").path("code").asText("");
        }
    }

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Response get(String path, String token) {
        return send(builder(path, token).GET());
    }

    Response post(String path, Object body, String token) {
        try {
            return send(builder(path, token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain-text answer, e.g. Prometheus's scrape: status and body. */
    record Text(int status, String body) {
    }

    Text getText(String path, String token) {
        try {
            HttpResponse<String> response = client.send(builder(path, token).setHeader("Accept", "text/plain").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Text(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A bearer token, or null when the credentials are refused (401). */
    String login(String email, String password) {
        Response response = post("/api/v1/auth/login", Map.of("email", email, "password", password), null);
        if (response.status() == 200) {
            return response.data().path("access_token").asText();
        }
        if (response.status() == 401) {
            return null;
        }
        throw new IllegalStateException("login " + email + ": " + response.status() + " " + response.body());
    }

    String adminToken() {
        String token = login(ADMIN_EMAIL, ADMIN_PASSWORD);
        if (token == null) {
            throw new IllegalStateException("the demo admin cannot log in: start the app with TIMEDEAL_DEMO_DATA_ENABLED=true");
        }
        return token;
    }

    void register(String email, String password, String name) {
        Response response = post("/api/v1/auth/register", Map.of("email", email, "password", password, "name", name), null);
        if (response.status() != 201 && response.status() != 409) {
            throw new IllegalStateException("register " + email + ": " + response.status() + " " + response.body());
        }
    }

    /** Creates a deal on product 1, active from ten seconds ago for two hours, and answers its id. */
    long createActiveDeal(String adminToken, int stock) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product_id", 1);
        body.put("deal_price", 29900);
        body.put("stock_quantity", stock);
        body.put("start_at", now.minusSeconds(10).toString());
        body.put("end_at", now.plus(Duration.ofHours(2)).toString());
        Response response = post("/api/v1/admin/timedeals", body, adminToken);
        if (response.status() != 201) {
            throw new IllegalStateException("create deal: " + response.status() + " " + response.body());
        }
        long id = response.data().path("id").asLong();
        String status = response.data().path("status").asText();
        if (!"active".equals(status)) {
            throw new IllegalStateException("deal " + id + " was created " + status + ", expected active");
        }
        return id;
    }

    /** The deal's detail as the public API shows it (stock, reserved, sold, available, status). */
    JsonNode deal(long id) {
        Response response = get("/api/v1/timedeals/" + id, null);
        if (response.status() != 200) {
            throw new IllegalStateException("GET deal " + id + ": " + response.status() + " " + response.body());
        }
        return response.data();
    }
}
