package com.bbossiregi.timedeal.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A plain HTTP client for the contract's API, as a shop front end would use it. */
public final class Api {

    public record Response(int status, JsonNode json, HttpResponse<String> raw) {
        public JsonNode data() {
            return json.path("data");
        }

        public String errorCode() {
            return json.path("error").path("code").asText();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public record Session(long userId, String token, String email) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final int port;

    public Api(int port) {
        this.base = "http://localhost:" + port;
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** A GET that accepts only {@code accept}, as a browser's EventSource asks for a stream. */
    public Response getAccepting(String path, String accept) {
        return send(request(path, null).header("Accept", accept).GET());
    }

    /** {@link #getAccepting} through a proxy that forwards {@code clientAddress} ({@code X-Forwarded-For}). */
    public Response getAcceptingFrom(String path, String accept, String clientAddress) {
        return send(request(path, null).header("Accept", accept).header("X-Forwarded-For", clientAddress).GET());
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** A newline-delimited JSON answer, one object per line. */
    public java.util.List<JsonNode> getLines(String path, String token) {
        Response response = get(path, token);
        if (response.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.status() + ": " + response.raw().body());
        }
        java.util.List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : response.raw().body().split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return lines;
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Response post(String path, Object body, String token) {
        return post(path, body, token, Map.of());
    }

    public Response post(String path, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body instanceof String raw ? raw : write(body))));
    }

    public Response patch(String path, Object body, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body instanceof String raw ? raw : write(body))));
    }

    public Session login(String email, String password) {
        Response response = post("/api/v1/auth/login", Map.of("email", email, "password", password), null);
        if (response.status() != 200) {
            throw new AssertionError("login failed: " + response.raw().body());
        }
        JsonNode data = response.data();
        return new Session(data.path("user").path("id").asLong(), data.path("access_token").asText(), email);
    }

    /** A new shopper account, logged in. */
    public Session newShopper() {
        String email = "shopper-" + UUID.randomUUID() + "@test.com";
        Response registered = post("/api/v1/auth/register",
                Map.of("email", email, "password", "password123", "name", "Shopper"), null);
        if (registered.status() != 201) {
            throw new AssertionError("register failed: " + registered.raw().body());
        }
        return login(email, "password123");
    }

    public Session admin() {
        return login("admin@bbossiregi.com", "admin1234!");
    }

    /** Creates a deal of this product that started a few seconds ago and ends in an hour; its id. */
    public long activeDeal(String adminToken, int productId, int dealPrice, int stock) {
        Instant now = Instant.now();
        return post("/api/v1/admin/timedeals", Map.of("product_id", productId, "deal_price", dealPrice,
                "stock_quantity", stock, "start_at", now.minusSeconds(5).toString(),
                "end_at", now.plusSeconds(3600).toString()), adminToken).data().path("id").asLong();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            boolean notJson = contentType.contains("ndjson") || contentType.startsWith("text/")
                    || contentType.startsWith("application/javascript");
            JsonNode json = response.body().isBlank() || notJson ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
