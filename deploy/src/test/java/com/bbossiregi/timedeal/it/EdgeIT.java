package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * The edge, one row per class of bad input: whatever the bytes, the answer is the contract's error envelope with the
 * right 4xx, its code, and the field or parameter it concerns. Sent over a raw socket, because HTTP clients refuse to
 * send most of these.
 */
class EdgeIT extends SharedApplicationTest {

    enum Auth { NONE, SHOPPER, ADMIN }

    /**
     * @param head   the request line and headers after it (no Host, no final blank line); {@code \0} and characters
     *               up to U+00FF are sent as single bytes
     * @param body   sent as UTF-8 with a Content-Length, or null for none
     * @param field  a {@code details[].field} the answer must name, or null
     */
    record Case(String name, String head, String body, Auth auth, int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String START = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    private static final String END = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    private static final String ORDER_ID = "7d1c1f5e-0000-4000-8000-000000000001";

    private static String tokenOfShopper;
    private static String tokenOfAdmin;

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // Tomcat: the request line, the URI, the headers.
        cases.add(get("a request line that is not HTTP", "GARBAGE", 400, "BAD_REQUEST"));
        cases.add(get("a request line with a space in the target", "GET /api/v1/time deals HTTP/1.1", 400, "BAD_REQUEST"));
        cases.add(get("an unknown HTTP version", "GET /api/v1/health HTTP/7.1", 400, "BAD_REQUEST"));
        cases.add(get("bad percent-encoding in the path", "GET /api/v1/timedeals/%zz HTTP/1.1", 400, "BAD_REQUEST"));
        cases.add(get("bad percent-encoding in the query", "GET /api/v1/timedeals?status=%zz HTTP/1.1", 400, "BAD_REQUEST"));
        cases.add(get("an encoded NUL in the path", "GET /api/v1/timedeals/1%00 HTTP/1.1", 400, "BAD_REQUEST"));
        cases.add(get("an invalid UTF-8 sequence in the path", "GET /api/v1/orders/%ED%A0%80 HTTP/1.1", 400, "BAD_REQUEST"));
        cases.add(get("a raw non-ASCII byte in the path", "GET /api/v1/timedeals/\u00e9 HTTP/1.1", 400, "BAD_REQUEST"));
        cases.add(get("a NUL in a header", "GET /api/v1/health HTTP/1.1\r\nX-Note: a\0b", 400, "BAD_REQUEST"));
        cases.add(get("oversized headers", "GET /api/v1/health HTTP/1.1\r\nX-Big: " + "x".repeat(64 * 1024), 400,
                "BAD_REQUEST"));
        cases.add(get("TRACE", "TRACE /api/v1/health HTTP/1.1", 405, "BAD_REQUEST"));
        cases.add(get("an unknown method", "BREW /api/v1/health HTTP/1.1", 405, "BAD_REQUEST"));
        cases.add(get("a known method the path does not take", "PUT /api/v1/auth/login HTTP/1.1", 405, "BAD_REQUEST"));
        // Spring Security's firewall.
        cases.add(get("a dot-dot segment", "GET /api/v1/timedeals/../health HTTP/1.1", 400, "BAD_REQUEST"));
        cases.add(get("an encoded dot-dot segment", "GET /api/v1/timedeals/%2e%2e/health HTTP/1.1", 400, "BAD_REQUEST"));
        cases.add(get("a semicolon", "GET /api/v1/timedeals;jsessionid=1 HTTP/1.1", 400, "BAD_REQUEST"));
        cases.add(get("an encoded slash", "GET /api/v1/timedeals/1%2F2 HTTP/1.1", 400, "BAD_REQUEST"));
        cases.add(get("a double slash", "GET /api/v1//timedeals HTTP/1.1", 400, "BAD_REQUEST"));
        cases.add(get("a control character in a header", "GET /api/v1/health HTTP/1.1\r\nX-Note: a\u0001b", 400,
                "BAD_REQUEST"));
        // Content negotiation, methods, sizes.
        cases.add(get("an error to a client that accepts no JSON",
                "GET /api/v1/timedeals/999999 HTTP/1.1\r\nAccept: text/html", 404, "NOT_FOUND"));
        cases.add(get("a success a client will not accept", "GET /api/v1/timedeals HTTP/1.1\r\nAccept: image/png", 406,
                "BAD_REQUEST"));
        cases.add(new Case("a body of content type */*", "POST /api/v1/auth/login HTTP/1.1\r\nContent-Type: */*",
                "{\"email\":\"user1@test.com\",\"password\":\"wrong-password\"}", Auth.NONE, 415, "BAD_REQUEST", null));
        cases.add(new Case("a body of an unsupported type", "POST /api/v1/auth/login HTTP/1.1\r\nContent-Type: text/plain",
                "hello", Auth.NONE, 415, "BAD_REQUEST", null));
        cases.add(new Case("a malformed content type", "POST /api/v1/auth/login HTTP/1.1\r\nContent-Type: ;;;",
                "{}", Auth.NONE, 415, "BAD_REQUEST", null));
        cases.add(new Case("a multipart body", "POST /api/v1/auth/login HTTP/1.1\r\nContent-Type: multipart/form-data",
                "--x--", Auth.NONE, 415, "BAD_REQUEST", null));
        cases.add(get("full-width digits in a number parameter", "GET /api/v1/timedeals?page=%EF%BC%91 HTTP/1.1", 400,
                "BAD_REQUEST", "page"));
        cases.add(get("a hexadecimal number parameter", "GET /api/v1/timedeals?per_page=0x10 HTTP/1.1", 400,
                "BAD_REQUEST", "per_page"));
        cases.add(post("an oversized body", "/api/v1/admin/products", Auth.ADMIN,
                "{\"name\":\"big\",\"price\":1,\"category\":\"food\",\"description\":\"" + "x".repeat(200_000) + "\"}",
                413, "BAD_REQUEST", null));
        cases.add(post("no body", "/api/v1/auth/login", Auth.NONE, null, 400, "BAD_REQUEST", null));
        cases.add(post("a body that is not JSON", "/api/v1/auth/login", Auth.NONE, "{\"email\":", 400, "BAD_REQUEST", null));
        // Exact types.
        cases.add(post("a fraction for an integer", "/api/v1/orders", Auth.SHOPPER,
                "{\"time_deal_id\":1,\"quantity\":1.5}", 400, "BAD_REQUEST", "quantity"));
        cases.add(post("a string for an integer", "/api/v1/orders", Auth.SHOPPER,
                "{\"time_deal_id\":1,\"quantity\":\"1\"}", 400, "BAD_REQUEST", "quantity"));
        cases.add(post("an empty string for an integer", "/api/v1/orders", Auth.SHOPPER,
                "{\"time_deal_id\":1,\"quantity\":\"\"}", 400, "BAD_REQUEST", "quantity"));
        cases.add(post("full-width digits for an id", "/api/v1/orders", Auth.SHOPPER,
                "{\"time_deal_id\":\"\uff11\"}", 400, "BAD_REQUEST", "time_deal_id"));
        cases.add(post("a boolean for an integer", "/api/v1/orders", Auth.SHOPPER,
                "{\"time_deal_id\":true}", 400, "BAD_REQUEST", "time_deal_id"));
        cases.add(post("a fraction for a price", "/api/v1/admin/products", Auth.ADMIN,
                "{\"name\":\"Bone\",\"price\":1.5,\"category\":\"toy\"}", 400, "BAD_REQUEST", "price"));
        cases.add(post("a number for a string", "/api/v1/admin/products", Auth.ADMIN,
                "{\"name\":12,\"price\":100,\"category\":\"toy\"}", 400, "BAD_REQUEST", "name"));
        cases.add(post("an unknown enum value", "/api/v1/admin/products", Auth.ADMIN,
                "{\"name\":\"Bone\",\"price\":100,\"category\":\"weapons\"}", 400, "BAD_REQUEST", "category"));
        cases.add(post("an unknown field", "/api/v1/auth/register", Auth.NONE,
                "{\"email\":\"x@example.com\",\"password\":\"password123\",\"name\":\"Xx\",\"role\":\"admin\"}", 400,
                "BAD_REQUEST", "role"));
        cases.add(post("a duplicate key", "/api/v1/auth/login", Auth.NONE,
                "{\"email\":\"user1@test.com\",\"email\":\"user2@test.com\",\"password\":\"password123\"}", 400,
                "BAD_REQUEST", "email"));
        cases.add(post("a number for an instant", "/api/v1/admin/timedeals", Auth.ADMIN,
                deal("1", "29900", "10", "1.5e400", q(END)), 400, "BAD_REQUEST", "start_at"));
        // Text the database cannot store.
        cases.add(post("a NUL in a product description", "/api/v1/admin/products", Auth.ADMIN,
                "{\"name\":\"Bone\",\"description\":\"\\u0000\",\"price\":100,\"category\":\"toy\"}", 400, "BAD_REQUEST",
                "description"));
        cases.add(post("a NUL in a login email", "/api/v1/auth/login", Auth.NONE,
                "{\"email\":\"user1@test.com\\u0000\",\"password\":\"password123\"}", 400, "BAD_REQUEST", "email"));
        cases.add(post("a NUL in a registration", "/api/v1/auth/register", Auth.NONE,
                "{\"email\":\"nul@example.com\",\"password\":\"password123\",\"name\":\"N\\u0000N\"}", 400, "BAD_REQUEST",
                "name"));
        cases.add(post("an unpaired surrogate", "/api/v1/admin/products", Auth.ADMIN,
                "{\"name\":\"Bone \\ud83d\",\"price\":100,\"category\":\"toy\"}", 400, "BAD_REQUEST", "name"));
        cases.add(post("a NUL in the payment method", "/api/v1/orders/" + ORDER_ID + "/payment", Auth.SHOPPER,
                "{\"method\":\"card\\u0000\"}", 400, "BAD_REQUEST", "method"));
        cases.add(get("a NUL in a query parameter", "GET /api/v1/timedeals?status=active%00 HTTP/1.1", 400, "BAD_REQUEST",
                "status"));
        cases.add(new Case("a NUL in a path variable", "GET /api/v1/admin/audit/timedeals/1%2500 HTTP/1.1", null,
                Auth.ADMIN, 400, "BAD_REQUEST", null));
        cases.add(new Case("a non-ASCII Idempotency-Key", "POST /api/v1/orders HTTP/1.1\r\nIdempotency-Key: cl\u00e9",
                "{\"time_deal_id\":1}", Auth.SHOPPER, 400, "BAD_REQUEST", "Idempotency-Key"));
        cases.add(new Case("a blank Idempotency-Key", "POST /api/v1/orders HTTP/1.1\r\nIdempotency-Key: a b",
                "{\"time_deal_id\":1}", Auth.SHOPPER, 400, "BAD_REQUEST", "Idempotency-Key"));
        cases.add(new Case("an Idempotency-Key of 256 characters", "POST /api/v1/orders HTTP/1.1\r\nIdempotency-Key: "
                + "k".repeat(256), "{\"time_deal_id\":1}", Auth.SHOPPER, 400, "BAD_REQUEST", "Idempotency-Key"));
        // Values outside what the database stores.
        cases.add(post("a year beyond the database", "/api/v1/admin/timedeals", Auth.ADMIN,
                deal("1", "29900", "10", q(START), "\"+300000-01-01T00:00:00Z\""), 400, "BAD_REQUEST", "end_at"));
        cases.add(post("a year before the database", "/api/v1/admin/timedeals", Auth.ADMIN,
                deal("1", "29900", "10", "\"-4714-01-01T00:00:00Z\"", q(END)), 400, "BAD_REQUEST", "start_at"));
        cases.add(post("a number beyond BIGINT", "/api/v1/admin/products", Auth.ADMIN,
                "{\"name\":\"Bone\",\"price\":99999999999999999999,\"category\":\"toy\"}", 400, "BAD_REQUEST", "price"));
        cases.add(post("a number beyond INTEGER", "/api/v1/admin/timedeals", Auth.ADMIN,
                deal("1", "29900", "3000000000", q(START), q(END)), 400, "BAD_REQUEST", "stock_quantity"));
        cases.add(get("an instant parameter beyond the database",
                "GET /api/v1/admin/orders/" + ORDER_ID + "?as_of=%2B300000-01-01T00:00:00Z HTTP/1.1", Auth.ADMIN, 400,
                "BAD_REQUEST", "as_of"));
        // Ids of the wrong kind.
        cases.add(get("another aggregate's id as an order id", "DELETE /api/v1/orders/timedeal-7 HTTP/1.1", Auth.SHOPPER,
                404, "NOT_FOUND", null));
        cases.add(get("a word as an order id", "GET /api/v1/orders/xyz HTTP/1.1", Auth.SHOPPER, 404, "NOT_FOUND", null));
        cases.add(get("a deal's stream as an order's events", "GET /api/v1/orders/timedeal-1/events HTTP/1.1",
                Auth.SHOPPER, 404, "NOT_FOUND", null));
        cases.add(new Case("a deal's stream as an order to pay", "POST /api/v1/orders/timedeal-1/payment HTTP/1.1",
                null, Auth.SHOPPER, 404, "NOT_FOUND", null));
        cases.add(get("a malformed deal id", "GET /api/v1/timedeals/abc HTTP/1.1", 400, "BAD_REQUEST"));
        cases.add(get("full-width digits as a deal id", "GET /api/v1/timedeals/%EF%BC%91 HTTP/1.1", 400, "BAD_REQUEST"));
        cases.add(get("a hexadecimal deal id", "DELETE /api/v1/admin/timedeals/0x1 HTTP/1.1", Auth.ADMIN, 400,
                "BAD_REQUEST", null));
        cases.add(get("a negative deal id", "GET /api/v1/admin/timedeals/-1 HTTP/1.1", Auth.ADMIN, 400, "BAD_REQUEST",
                null));
        cases.add(get("a required parameter left out", "GET /api/v1/admin/orders?status=reserved HTTP/1.1", Auth.ADMIN,
                400, "BAD_REQUEST", "time_deal_id"));
        // Rules declared once, on the request records.
        cases.add(post("a deal price not below the original", "/api/v1/admin/timedeals", Auth.ADMIN,
                "{\"product_id\":1,\"original_price\":100,\"deal_price\":100,\"stock_quantity\":1,\"start_at\":" + q(START)
                        + ",\"end_at\":" + q(END) + "}", 400, "VALIDATION_ERROR", "deal_price"));
        cases.add(post("a deal price not below the product's price", "/api/v1/admin/timedeals", Auth.ADMIN,
                deal("1", "45000", "1", q(START), q(END)), 400, "VALIDATION_ERROR", "deal_price"));
        cases.add(post("an end before the start", "/api/v1/admin/timedeals", Auth.ADMIN,
                deal("1", "29900", "1", q(END), q(START)), 400, "VALIDATION_ERROR", "end_at"));
        cases.add(post("a stock of zero", "/api/v1/admin/timedeals", Auth.ADMIN,
                deal("1", "29900", "0", q(START), q(END)), 400, "VALIDATION_ERROR", "stock_quantity"));
        cases.add(post("a missing product id", "/api/v1/admin/timedeals", Auth.ADMIN,
                "{\"deal_price\":1,\"stock_quantity\":1,\"start_at\":" + q(START) + ",\"end_at\":" + q(END) + "}", 400,
                "VALIDATION_ERROR", "product_id"));
        cases.add(post("a product without a name", "/api/v1/admin/products", Auth.ADMIN,
                "{\"name\":\"  \",\"price\":100,\"category\":\"toy\"}", 400, "VALIDATION_ERROR", "name"));
        cases.add(post("a product price of zero", "/api/v1/admin/products", Auth.ADMIN,
                "{\"name\":\"Bone\",\"price\":0,\"category\":\"toy\"}", 400, "VALIDATION_ERROR", "price"));
        cases.add(post("an invalid email", "/api/v1/auth/register", Auth.NONE,
                "{\"email\":\"nobody\",\"password\":\"password123\",\"name\":\"Xx\"}", 400, "VALIDATION_ERROR", "email"));
        cases.add(post("a short password", "/api/v1/auth/register", Auth.NONE,
                "{\"email\":\"short@example.com\",\"password\":\"short\",\"name\":\"Xx\"}", 400, "VALIDATION_ERROR",
                "password"));
        cases.add(post("an invalid phone", "/api/v1/auth/register", Auth.NONE,
                "{\"email\":\"phone@example.com\",\"password\":\"password123\",\"name\":\"Xx\",\"phone\":\"12\"}", 400,
                "VALIDATION_ERROR", "phone"));
        cases.add(post("a payment method too long", "/api/v1/orders/" + ORDER_ID + "/payment", Auth.SHOPPER,
                "{\"method\":\"" + "m".repeat(51) + "\"}", 400, "VALIDATION_ERROR", "method"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersInTheEnvelope(Case c) {
        RawHttp.Response response = send(c);

        assertThat(response.status()).as("status of %s: %s", c.name(), response.body()).isEqualTo(c.status());
        assertThat(response.header("Content-Type")).as("content type").startsWith("application/json");
        JsonNode envelope = response.json();
        assertThat(envelope).as("envelope: %s", response.body()).isNotNull();
        assertThat(envelope.path("success").isBoolean() && !envelope.path("success").asBoolean()).isTrue();
        assertThat(envelope.path("error").path("code").asText()).as("code: %s", response.body()).isEqualTo(c.code());
        assertThat(envelope.path("error").path("message").isTextual()).isTrue();
        if (c.field() != null) {
            List<String> fields = new ArrayList<>();
            envelope.path("error").path("details").forEach(detail -> fields.add(detail.path("field").asText()));
            assertThat(fields).as("fields named: %s", response.body()).contains(c.field());
        }
    }

    @Test
    void aLoginWithANulAfterTheEmailDoesNotLogIn() {
        RawHttp.Response response = send(post("", "/api/v1/auth/login", Auth.NONE,
                "{\"email\":\"user1@test.com\\u0000\",\"password\":\"password123\"}", 0, null, null));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void aProductWithANulIsNotCreatedAndTheListingsKeepMoving() {
        String admin = admin();
        send(post("", "/api/v1/admin/products", Auth.ADMIN,
                "{\"name\":\"Nul bone\",\"description\":\"\\u0000\",\"price\":100,\"category\":\"toy\"}", 0, null, null));
        Api.Response product = api.post("/api/v1/admin/products",
                java.util.Map.of("name", "Plain bone", "price", 2000, "category", "toy"), admin);
        assertThat(product.status()).isEqualTo(201);
        Api.Response deal = api.post("/api/v1/admin/timedeals", java.util.Map.of("product_id",
                product.data().path("id").asLong(), "deal_price", 1000, "stock_quantity", 3, "start_at", START, "end_at",
                END), admin);
        assertThat(deal.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/timedeals/" + deal.data().path("id").asLong(), null).status()).isEqualTo(200);
    }

    @Test
    void wellFormedRequestsStillSucceed() {
        RawHttp.Response health = raw().send("GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nAccept: */*", null);
        assertThat(health.status()).isEqualTo(200);
        RawHttp.Response login = send(post("", "/api/v1/auth/login", Auth.NONE,
                "{\"email\":\"user1@test.com\",\"password\":\"password123\"}", 0, null, null));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("data").path("access_token").asText()).isNotEmpty();
        RawHttp.Response product = send(post("", "/api/v1/admin/products", Auth.ADMIN,
                "{\"name\":\"Dog \ud83d\udc36 bone\",\"description\":\"tab\\tand newline\\n\",\"price\":1000000000000,"
                        + "\"category\":\"TOY\"}", 0, null, null));
        assertThat(product.status()).as(product.body()).isEqualTo(201);
        assertThat(product.json().path("data").path("name").asText()).isEqualTo("Dog \ud83d\udc36 bone");
    }

    /**
     * Every connection reads and writes through buffers of {@code timedeal.edge.connection-buffers} (2 KB and 4 KB,
     * outside the heap), far below the 64 KB a body may have: a request that takes many reads and an answer that takes
     * many writes pass whole, multi-byte characters split across reads included.
     */
    @Test
    void aRequestAndAnAnswerLongerThanAConnectionsBuffersPassWhole(@Autowired ServletWebServerApplicationContext context) {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("2048");
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("4096");
        assertThat(connector.getProperty("socket.directBuffer")).hasToString("true");

        String description = "\uac15\uc544\uc9c0 \ud83d\udc36 treats, ".repeat(1500);
        String body = "{\"name\":\"Long story\",\"description\":\"" + description + "\",\"price\":1000,\"category\":\"TOY\"}";
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(30 * 1024);
        RawHttp.Response product = send(post("", "/api/v1/admin/products", Auth.ADMIN, body, 0, null, null));
        assertThat(product.status()).as(product.body()).isEqualTo(201);
        assertThat(product.json().path("data").path("description").asText()).isEqualTo(description);
    }

    private RawHttp raw() {
        return new RawHttp(port);
    }

    private RawHttp.Response send(Case c) {
        String head = c.head();
        int lineEnd = head.indexOf("\r\n");
        String requestLine = lineEnd < 0 ? head : head.substring(0, lineEnd);
        String rest = lineEnd < 0 ? "" : head.substring(lineEnd);
        StringBuilder full = new StringBuilder(requestLine).append("\r\nHost: localhost").append(rest);
        String token = switch (c.auth()) {
            case NONE -> null;
            case SHOPPER -> shopper();
            case ADMIN -> admin();
        };
        if (token != null) {
            full.append("\r\nAuthorization: Bearer ").append(token);
        }
        byte[] body = c.body() == null ? null : c.body().getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            if (!rest.contains("Content-Type:")) {
                full.append("\r\nContent-Type: application/json");
            }
            full.append("\r\nContent-Length: ").append(body.length);
        }
        return raw().send(full.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    private String shopper() {
        if (tokenOfShopper == null) {
            tokenOfShopper = api.newShopper().token();
        }
        return tokenOfShopper;
    }

    private String admin() {
        if (tokenOfAdmin == null) {
            tokenOfAdmin = api.admin().token();
        }
        return tokenOfAdmin;
    }

    private static Case get(String name, String head, int status, String code) {
        return new Case(name, head, null, Auth.NONE, status, code, null);
    }

    private static Case get(String name, String head, int status, String code, String field) {
        return new Case(name, head, null, Auth.NONE, status, code, field);
    }

    private static Case get(String name, String head, Auth auth, int status, String code, String field) {
        return new Case(name, head, null, auth, status, code, field);
    }

    private static Case post(String name, String path, Auth auth, String body, int status, String code, String field) {
        return new Case(name, "POST " + path + " HTTP/1.1", body, auth, status, code, field);
    }

    private static String deal(String productId, String dealPrice, String stock, String startAt, String endAt) {
        return "{\"product_id\":" + productId + ",\"deal_price\":" + dealPrice + ",\"stock_quantity\":" + stock
                + ",\"start_at\":" + startAt + ",\"end_at\":" + endAt + "}";
    }

    private static String q(String text) {
        return "\"" + text + "\"";
    }
}
