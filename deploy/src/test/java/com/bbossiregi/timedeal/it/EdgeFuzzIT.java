package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Throws generated requests at every endpoint Spring MVC maps (so a new endpoint is covered without a change here):
 * seeded and reproducible ({@code -Dedge.fuzz.seed=...}, {@code -Dedge.fuzz.requests=...}), a mix of well-formed and
 * ill-typed JSON, random bytes, long strings, NUL and unpaired surrogates, odd methods, odd Accept and Content-Type,
 * random path segments, with real shopper and admin tokens for most requests so bodies reach the controllers. No answer
 * may be a 5xx, and every answer must be a success or the contract's error envelope. Its own application and database,
 * since the orders and deals it makes would disturb the shared one's tests.
 */
class EdgeFuzzIT extends ApiTestBase {

    private static final TestDatabase.Settings DATABASE = TestDatabase.create("timedeal_fuzz");

    @DynamicPropertySource
    static void ownApplication(DynamicPropertyRegistry registry) {
        configure(registry, DATABASE);
        // A placed order waits for its outcome; a short bound keeps the run short on a busy machine.
        registry.add("timedeal.orders.outcome-wait", () -> "3s");
    }

    private static final long SEED = Long.getLong("edge.fuzz.seed", 20261201L);
    private static final int REQUESTS = Integer.getInteger("edge.fuzz.requests", 10_000);
    private static final int THREADS = 6;
    private static final double RAW_SHARE = 0.12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
            "TRACE", "BREW", "PROPFIND");
    private static final List<String> ACCEPTS = List.of("application/json", "*/*", "text/html", "image/png",
            "application/xml", "application/json;q=0", "text/*", "garbage", "application/x-ndjson", "");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json;charset=UTF-8",
            "*/*", "application/*", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
            "application/json;charset=latin1", "nonsense", ";;", "application/xml");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    record Endpoint(String method, String pattern, List<String> queryParameters, Class<?> body) {
        String key() {
            return method + " " + pattern;
        }
    }

    record Outcome(int status, String contentType, String body) {
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(THREADS, EdgeFuzzIT::daemon))
            .build();

    private List<Endpoint> endpoints;
    private List<String> shopperTokens;
    private String adminToken;
    private List<String> knownOrderIds;

    @Test
    void noRequestAnswers5xxOrLeavesTheEnvelope() throws Exception {
        endpoints = endpoints();
        assertThat(endpoints).extracting(Endpoint::key).contains("POST /api/v1/orders", "POST /api/v1/auth/login",
                "GET /api/v1/timedeals/{id}", "POST /api/v1/admin/timedeals", "DELETE /api/v1/orders/{orderId}");
        Api.Session shopper = api.newShopper();
        Api.Session admin = api.admin();
        shopperTokens = List.of(shopper.token(), shopper.token(), api.newShopper().token());
        adminToken = admin.token();
        knownOrderIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Response placed = api.post("/api/v1/orders", Map.of("time_deal_id", 1), shopper.token());
            knownOrderIds.add(placed.data().path("id").asText());
        }

        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        Map<String, AtomicInteger> answers = new java.util.concurrent.ConcurrentSkipListMap<>();
        long started = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(THREADS, EdgeFuzzIT::daemon);
        for (int i = 0; i < REQUESTS; i++) {
            int index = i;
            workers.submit(() -> {
                String description = "#" + index + " (seed " + SEED + ")";
                try {
                    Random random = new Random(SEED * 1_000_003L + index);
                    Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
                    Generated request = generate(endpoint, random);
                    description += " " + request.summary();
                    Outcome outcome = request.raw() ? sendRaw(request) : sendPooled(request);
                    sent.incrementAndGet();
                    answers.computeIfAbsent(endpoint.key() + " -> " + outcome.status(), k -> new AtomicInteger())
                            .incrementAndGet();
                    String problem = judge(request, outcome);
                    if (problem != null) {
                        failures.add(description + " -> " + problem);
                    }
                } catch (Exception | AssertionError e) {
                    failures.add(description + " -> " + e);
                }
            });
        }
        workers.shutdown();
        assertThat(workers.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        System.out.printf("Edge fuzz: %d requests (seed %d) to %d endpoints in %d s; answers by endpoint and status:%n",
                sent.get(), SEED, endpoints.size(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        answers.forEach((key, count) -> System.out.println("  " + key + ": " + count));

        assertThat(sent.get()).isGreaterThanOrEqualTo(REQUESTS * 99 / 100);
        assertThat(failures).as("answers outside the contract, of %d requests to %d endpoints", REQUESTS,
                endpoints.size()).isEmpty();
    }

    /** Daemon threads, so that nothing of the fuzz keeps the test JVM alive after it. */
    private static Thread daemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "edge-fuzz");
        thread.setDaemon(true);
        return thread;
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> found = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            if (org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.class
                    .isAssignableFrom(entry.getValue().getMethod().getReturnType())) {
                // A live stream stays open by design, so a fuzz request would wait on it for good; its answers
                // before the stream starts (400, 404, 503 in the envelope) are LiveStockIT's.
                continue;
            }
            List<String> parameters = new ArrayList<>();
            Class<?> body = null;
            for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param != null) {
                    parameters.add(param.name().isEmpty() ? parameter.getParameterName() : param.name());
                }
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    body = parameter.getParameterType();
                }
            }
            List<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? List.of("GET", "POST")
                    : info.getMethodsCondition().getMethods().stream().map(Enum::name).toList();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/error") || pattern.equals("/swagger-ui.html")) {
                    // The error page is the web server's; the Swagger UI's page answers with a redirect to its files.
                    continue;
                }
                for (String method : methods) {
                    found.add(new Endpoint(method, pattern, parameters, body));
                }
            }
        }
        found.sort(java.util.Comparator.comparing(Endpoint::key));
        return found;
    }

    // ----- generation -----

    record Generated(boolean raw, String method, String target, Map<String, String> headers, byte[] body) {
        String summary() {
            String shown = body == null ? "" : " body=" + abbreviate(new String(body, StandardCharsets.UTF_8));
            Map<String, String> shownHeaders = new java.util.TreeMap<>(headers);
            shownHeaders.computeIfPresent("Authorization", (k, v) -> "Bearer ...");
            return (raw ? "raw " : "") + method + " " + abbreviate(target) + " " + shownHeaders + shown;
        }
    }

    private Generated generate(Endpoint endpoint, Random random) {
        boolean raw = random.nextDouble() < RAW_SHARE;
        String method = random.nextInt(10) < 8 ? endpoint.method() : pick(random, METHODS);
        StringBuilder path = new StringBuilder();
        Matcher variables = VARIABLE.matcher(endpoint.pattern());
        int last = 0;
        while (variables.find()) {
            path.append(endpoint.pattern(), last, variables.start()).append(pathValue(random, raw));
            last = variables.end();
        }
        path.append(endpoint.pattern().substring(last));
        if (random.nextInt(20) == 0) {
            path.append('/').append(segment(random, raw));
        }
        String query = query(endpoint, random, raw);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (random.nextInt(10) < 7) {
            // Mostly the right kind of token for the endpoint, so bodies get past the security filters.
            boolean admin = endpoint.pattern().startsWith("/api/v1/admin") ? random.nextInt(4) > 0 : random.nextInt(5) == 0;
            headers.put("Authorization", "Bearer " + (admin ? adminToken : pick(random, shopperTokens)));
        } else if (random.nextInt(3) == 0) {
            headers.put("Authorization", pick(random, List.of("Bearer x", "Bearer ", "Basic dXNlcjpwYXNz",
                    "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.")));
        }
        if (random.nextInt(4) == 0) {
            headers.put("Accept", pick(random, ACCEPTS));
        }
        if (random.nextInt(5) == 0) {
            headers.put("Idempotency-Key", raw ? text(random, 1 + random.nextInt(40), true)
                    : printable(random, 1 + random.nextInt(300)));
        }
        byte[] body = null;
        if (endpoint.body() != null || random.nextInt(10) == 0) {
            body = body(endpoint.body(), random).getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(12) == 0) {
                body = randomBytes(random, random.nextInt(200));
            }
            headers.put("Content-Type", random.nextInt(4) == 0 ? pick(random, CONTENT_TYPES) : "application/json");
        }
        if (raw && random.nextInt(4) == 0) {
            headers.put("X-Fuzz", text(random, 1 + random.nextInt(30), true));
        }
        return new Generated(raw, method, path + query, headers, body);
    }

    private String query(Endpoint endpoint, Random random, boolean raw) {
        List<String> pairs = new ArrayList<>();
        for (String name : endpoint.queryParameters()) {
            if (random.nextInt(3) > 0) {
                pairs.add(name + "=" + queryValue(random, raw));
            }
        }
        if (random.nextInt(8) == 0) {
            pairs.add(segment(random, raw) + "=" + queryValue(random, raw));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private String pathValue(Random random, boolean raw) {
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> Integer.toString(1 + random.nextInt(6));
            case 3, 4 -> knownOrderIds.get(random.nextInt(knownOrderIds.size()));
            case 5 -> pick(random, List.of("0", "-1", "99999999999999999999", "1.5", "0x1", "timedeal-1", "product-1",
                    "%EF%BC%91", "deal-listing", "order-history", "9223372036854775807"));
            case 6 -> java.util.UUID.nameUUIDFromBytes(Long.toString(random.nextLong()).getBytes()).toString();
            case 7 -> percentEncoded(random);
            default -> segment(random, raw);
        };
    }

    private String queryValue(Random random, boolean raw) {
        return switch (random.nextInt(10)) {
            case 0, 1 -> Integer.toString(random.nextInt(200) - 50);
            case 2 -> pick(random, List.of("active", "scheduled", "ACTIVE", "canceled", "reserved", "STOCK_RESERVED",
                    "active%00", "%00", "", "2026-02-27T14:05:00Z", "%2B300000-01-01T00:00:00Z", "1.5e400", "-0",
                    "2147483648", "99999999999999999999", "%EF%BC%91", "%ED%A0%80", "%zz", "%"));
            case 3 -> percentEncoded(random);
            default -> segment(random, raw);
        };
    }

    /** A path segment: safe characters for the pooled client, anything printable or not for the raw socket. */
    private static String segment(Random random, boolean raw) {
        if (raw) {
            return text(random, random.nextInt(random.nextInt(20) == 0 ? 3000 : 20), true)
                    .replace(" ", "%20").replace("\r", "").replace("\n", "");
        }
        String safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(random.nextInt(20) == 0 ? 2000 : 16);
        for (int i = 0; i < length; i++) {
            out.append(safe.charAt(random.nextInt(safe.length())));
        }
        return out.toString();
    }

    private static String percentEncoded(Random random) {
        StringBuilder out = new StringBuilder();
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            out.append('%').append(String.format("%02X", random.nextInt(256)));
        }
        return out.toString();
    }

    private String body(Class<?> type, Random random) {
        int shape = random.nextInt(20);
        if (shape == 0) {
            return "";
        }
        if (shape == 1) {
            return pick(random, List.of("null", "[]", "1", "\"x\"", "{", "{\"a\":", "}", "{}", "true", "[{}]"));
        }
        if (type != null && type.isRecord() && (shape == 3 || shape == 4)) {
            return boundaryBody(type, random);
        }
        if (type == null || !type.isRecord() || shape == 2) {
            return "{\"" + text(random, 5, false) + "\":" + value(String.class, random) + "}";
        }
        StringBuilder json = new StringBuilder("{");
        boolean first = true;
        for (RecordComponent component : type.getRecordComponents()) {
            if (random.nextInt(6) == 0) {
                continue;
            }
            String name = SNAKE.translate(component.getName());
            String value = random.nextInt(3) == 0 ? wrongValue(random) : value(component.getType(), random);
            json.append(first ? "" : ",").append('"').append(name).append("\":").append(value);
            first = false;
            if (random.nextInt(40) == 0) {
                json.append(",\"").append(name).append("\":").append(value);
            }
        }
        if (random.nextInt(15) == 0) {
            json.append(first ? "" : ",").append("\"").append(text(random, 6, false)).append("\":1");
        }
        json.append('}');
        String result = json.toString();
        if (random.nextInt(25) == 0) {
            result = result.substring(0, random.nextInt(result.length()));
        }
        return result;
    }

    /**
     * A body the rules at the edge may well accept, with each text field as long or as short as its {@code @Size}
     * allows, in one-byte or three-byte characters: what a library behind the rules may still refuse (bcrypt refused
     * passwords over 72 bytes, so a 100-character password was a 500). An e-mail field gets a new address; another text
     * field with a pattern of its own is left out.
     */
    private String boundaryBody(Class<?> type, Random random) {
        StringBuilder json = new StringBuilder("{");
        for (RecordComponent component : type.getRecordComponents()) {
            String name = SNAKE.translate(component.getName());
            String value;
            if (component.getType() != String.class) {
                value = value(component.getType(), random);
            } else if (name.contains("email")) {
                value = freshEmail(random);
            } else if (annotation(type, component, jakarta.validation.constraints.Pattern.class) != null) {
                continue;
            } else {
                Size size = annotation(type, component, Size.class);
                int length = size == null || size.max() > 10_000 ? 1 + random.nextInt(40)
                        : random.nextBoolean() ? size.max() : Math.max(size.min(), 1);
                value = quote((random.nextBoolean() ? "p" : "\ube44").repeat(length));
            }
            json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":").append(value);
        }
        return json.append('}').toString();
    }

    /** An address no account has yet, so a registration can get past the duplicate check. */
    private static String freshEmail(Random random) {
        return quote("fuzz-" + Integer.toUnsignedString(random.nextInt()) + "@test.com");
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(Class<?> record, RecordComponent component,
                                                                           Class<A> annotation) {
        try {
            return record.getDeclaredField(component.getName()).getAnnotation(annotation);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private String value(Class<?> type, Random random) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return switch (random.nextInt(6)) {
                case 0 -> "1";
                case 1 -> Integer.toString(1 + random.nextInt(10));
                case 2 -> Integer.toString(random.nextInt(100_000));
                case 3 -> Long.toString(random.nextLong());
                default -> Integer.toString(1 + random.nextInt(5));
            };
        }
        if (type == Instant.class) {
            Instant now = Instant.now();
            return quote(now.plusSeconds(random.nextInt(20_000) - 5_000L).toString());
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return quote(constants[random.nextInt(constants.length)].toString().toLowerCase());
        }
        if (type == Boolean.class || type == boolean.class) {
            return Boolean.toString(random.nextBoolean());
        }
        return switch (random.nextInt(6)) {
            case 0 -> quote("user1@test.com");
            case 1 -> quote("password123");
            case 2 -> quote("card");
            case 3 -> freshEmail(random);
            default -> quote(text(random, random.nextInt(40), false));
        };
    }

    private static String wrongValue(Random random) {
        return pick(random, List.of("1.5", "\"1\"", "\"\"", "\"\\uff11\"", "true", "false", "null", "[]", "{}", "[1]",
                "99999999999999999999", "-1", "0", "1e2", "1.5e400", "-9223372036854775809", "\"a\\u0000b\"",
                "\"\\ud800\"", "\"\\udc00x\"", "\"" + "x".repeat(300) + "\"", "\"+300000-01-01T00:00:00Z\"",
                "\"-4714-01-01T00:00:00Z\"", "\"2026-13-45T99:99:99Z\"", "NaN", "Infinity", "01", "0x10",
                "\"\\u0000\"", "\"user1@test.com\\u0000\"", "\"1\\u0000\"", "\"\\ud83d\\udc36\"", "\"ACTIVE\""));
    }

    /** Random text; with {@code anyChar} it may hold NUL, control characters, surrogates and non-ASCII. */
    private static String text(Random random, int length, boolean anyChar) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(anyChar ? 6 : 4);
            char c = switch (kind) {
                case 0, 1, 2 -> (char) ('a' + random.nextInt(26));
                case 3 -> "0123456789-_.~!$'()*+,=@:".charAt(random.nextInt(25));
                case 4 -> (char) random.nextInt(32);
                default -> (char) (0x80 + random.nextInt(0x80));
            };
            out.append(c);
        }
        return out.toString();
    }

    private static String printable(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return out.toString();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + ")" : text;
    }

    // ----- sending and judging -----

    private Outcome sendPooled(Generated request) throws Exception {
        URI uri;
        try {
            uri = URI.create("http://localhost:" + port + request.target());
        } catch (IllegalArgumentException notAUri) {
            return sendRaw(request);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        try {
            request.headers().forEach(builder::header);
            builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } catch (IllegalArgumentException refusedByTheClient) {
            return sendRaw(request);
        }
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Outcome(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private Outcome sendRaw(Generated request) {
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.target())
                .append(" HTTP/1.1\r\nHost: localhost");
        request.headers().forEach((name, value) -> head.append("\r\n").append(name).append(": ")
                .append(value.replace("\r", "").replace("\n", "")));
        if (request.body() != null) {
            head.append("\r\nContent-Length: ").append(request.body().length);
        }
        byte[] headBytes = new byte[head.length()];
        for (int i = 0; i < head.length(); i++) {
            headBytes[i] = (byte) head.charAt(i);
        }
        RawHttp.Response response = new RawHttp(port).send(headBytes, request.body());
        String contentType = response.header("Content-Type");
        return new Outcome(response.status(), contentType == null ? "" : contentType, response.body());
    }

    /** @return null when the answer keeps the contract, else what is wrong with it */
    private static String judge(Generated request, Outcome outcome) {
        int status = outcome.status();
        if (status == 503 && request.target().startsWith("/api/v1/health") && outcome.body().contains("\"unhealthy\"")) {
            // The contract's own health answer: its database check gives up under this load rather than queue.
            return null;
        }
        if (status >= 500) {
            return status + " " + abbreviate(outcome.body());
        }
        if (status < 200 || (status >= 300 && status < 400)) {
            return "unexpected status " + status;
        }
        if (status < 300) {
            if (outcome.contentType().startsWith("application/json") && !outcome.body().isBlank()) {
                JsonNode json = parse(outcome.body());
                if (json == null || (json.has("success") && !json.path("success").asBoolean())) {
                    return status + " but not a success: " + abbreviate(outcome.body());
                }
            }
            return null;
        }
        if ("HEAD".equals(request.method())) {
            return null;
        }
        return isEnvelope(outcome) ? null : status + " outside the envelope: [" + outcome.contentType() + "] "
                + abbreviate(outcome.body());
    }

    private static boolean isEnvelope(Outcome outcome) {
        if (!outcome.contentType().startsWith("application/json")) {
            return false;
        }
        JsonNode json = parse(outcome.body());
        return json != null && json.path("success").isBoolean() && !json.path("success").asBoolean()
                && json.path("error").path("code").isTextual() && json.path("error").path("message").isTextual();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
