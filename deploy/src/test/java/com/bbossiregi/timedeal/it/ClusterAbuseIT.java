package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes of one cluster, two applications on one database: the rate limits are one budget for both, a ban made on
 * one node reaches the other within seconds, and the first admin comes from a setting, once. Both nodes trust the
 * local proxy's {@code X-Forwarded-For} ({@code server.forward-headers-strategy=native}), so each test speaks from
 * client addresses of its own.
 */
class ClusterAbuseIT {

    private static final String ROOT = "root@cluster.test";
    private static final String ROOT_PASSWORD = "rootpass123";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static Api a;
    private static Api b;

    @BeforeAll
    static void startTwoNodes() {
        TestDatabase.Settings database = TestDatabase.create("timedeal_cluster_abuse");
        nodeA = StandaloneApplication.start(database, node(ROOT_PASSWORD));
        // The second node names the same admin with another password: the admin exists, so nothing changes.
        nodeB = StandaloneApplication.start(database, node("anotherpass123"));
        a = StandaloneApplication.api(nodeA);
        b = StandaloneApplication.api(nodeB);
    }

    private static String[] node(String bootstrapPassword) {
        return new String[] {
                "--timedeal.bootstrap-admin.email=" + ROOT,
                "--timedeal.bootstrap-admin.password=" + bootstrapPassword,
                "--server.forward-headers-strategy=native",
                "--timedeal.rate-limits.login-per-address.capacity=4",
                "--timedeal.rate-limits.login-per-address.period=1h",
                "--timedeal.rate-limits.orders-per-account.capacity=3",
                "--timedeal.rate-limits.orders-per-account.period=1h",
                "--timedeal.orders.outcome-wait=2s"};
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void theFirstAdminComesFromTheSettingOnceWhicheverNodeStartsNext() {
        String onA = login(a, ROOT, ROOT_PASSWORD).path("access_token").asText();
        JsonNode onB = login(b, ROOT, ROOT_PASSWORD);
        assertThat(onB.path("user").path("role").asText()).isEqualTo("admin");
        Api.Response otherPassword = a.post("/api/v1/auth/login", Map.of("email", ROOT, "password", "anotherpass123"),
                null, from(newAddress()));
        assertThat(otherPassword.status()).isEqualTo(401);

        List<String> emails = new ArrayList<>();
        a.get("/api/v1/admin/users?per_page=100", onA).data().forEach(user -> emails.add(user.path("email").asText()));
        assertThat(emails).containsOnlyOnce(ROOT);
    }

    @Test
    void loginsFromOneAddressSpendOneBudgetOnBothNodes() {
        String address = newAddress();
        for (int i = 0; i < 4; i++) {
            Api.Response wrong = (i % 2 == 0 ? a : b).post("/api/v1/auth/login",
                    Map.of("email", "nobody-" + i + "@cluster.test", "password", "wrongpass123"), null, from(address));
            assertThat(wrong.status()).as(wrong.raw().body()).isEqualTo(401);
        }
        assertRateLimited(b.post("/api/v1/auth/login", Map.of("email", ROOT, "password", ROOT_PASSWORD), null,
                from(address)));
        assertRateLimited(a.post("/api/v1/auth/login", Map.of("email", ROOT, "password", ROOT_PASSWORD), null,
                from(address)));
        // Another client address has a budget of its own.
        assertThat(a.post("/api/v1/auth/login", Map.of("email", ROOT, "password", ROOT_PASSWORD), null,
                from(newAddress())).status()).isEqualTo(200);
    }

    @Test
    void ordersOfOneAccountSpendOneBudgetOnBothNodes() {
        // Each node orders on a deal of its own: these nodes route no commands to each other, so a deal both of them
        // kept in their caches would conflict on its next event (a clustering matter, not this test's).
        long dealOfA = 1;
        long dealOfB = newActiveDeal();
        String shopper = newShopper();
        String address = newAddress();
        for (int i = 0; i < 3; i++) {
            boolean onA = i % 2 == 0;
            Api.Response order = (onA ? a : b).post("/api/v1/orders", Map.of("time_deal_id", onA ? dealOfA : dealOfB),
                    shopper, from(address));
            assertThat(order.status()).as(order.raw().body()).isIn(201, 202);
        }
        assertRateLimited(a.post("/api/v1/orders", Map.of("time_deal_id", dealOfA), shopper, from(address)));
        assertRateLimited(b.post("/api/v1/orders", Map.of("time_deal_id", dealOfB), shopper, from(newAddress())));
        // Another account ordering from the same address is not held back.
        Api.Response other = b.post("/api/v1/orders", Map.of("time_deal_id", dealOfB), newShopper(), from(address));
        assertThat(other.status()).as(other.raw().body()).isIn(201, 202);
    }

    private static long newActiveDeal() {
        String admin = login(a, ROOT, ROOT_PASSWORD).path("access_token").asText();
        java.time.Instant now = java.time.Instant.now();
        Api.Response deal = a.post("/api/v1/admin/timedeals", Map.of("product_id", 1, "deal_price", 20000,
                "stock_quantity", 100, "start_at", now.minusSeconds(5).toString(),
                "end_at", now.plusSeconds(3600).toString()), admin);
        assertThat(deal.status()).as(deal.raw().body()).isEqualTo(201);
        return deal.data().path("id").asLong();
    }

    @Test
    void aBanMadeOnOneNodeShutsTheAccountOutOfTheOtherWithinSeconds() {
        String admin = login(a, ROOT, ROOT_PASSWORD).path("access_token").asText();
        String email = "banned-" + UUID.randomUUID() + "@cluster.test";
        JsonNode registered = register(a, email);
        String shopper = login(b, email, "password123").path("access_token").asText();
        assertThat(b.get("/api/v1/orders", shopper).status()).isEqualTo(200);

        Api.Response ban = a.patch("/api/v1/admin/users/" + registered.path("id").asLong(), Map.of("status", "banned"),
                admin);
        assertThat(ban.status()).as(ban.raw().body()).isEqualTo(200);

        assertUnauthorized(a.get("/api/v1/orders", shopper));
        long banned = System.nanoTime();
        ApiTestBase.eventually(Duration.ofSeconds(20), () -> assertUnauthorized(b.get("/api/v1/orders", shopper)));
        System.out.printf("[cluster] the ban reached the other node after %d ms%n", (System.nanoTime() - banned) / 1_000_000);
        Api.Response login = b.post("/api/v1/auth/login", Map.of("email", email, "password", "password123"), null,
                from(newAddress()));
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.errorCode()).isEqualTo("INVALID_CREDENTIALS");
    }

    private static String newShopper() {
        String email = "shopper-" + UUID.randomUUID() + "@cluster.test";
        register(a, email);
        return login(b, email, "password123").path("access_token").asText();
    }

    private static JsonNode register(Api node, String email) {
        Api.Response registered = node.post("/api/v1/auth/register",
                Map.of("email", email, "password", "password123", "name", "Shopper"), null, from(newAddress()));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        return registered.data();
    }

    private static JsonNode login(Api node, String email, String password) {
        Api.Response login = node.post("/api/v1/auth/login", Map.of("email", email, "password", password), null,
                from(newAddress()));
        assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
        return login.data();
    }

    /** A client address no other request of these tests uses. */
    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }

    private static Map<String, String> from(String address) {
        return Map.of("X-Forwarded-For", address);
    }

    private static void assertRateLimited(Api.Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(429);
        assertThat(response.json().path("success").asBoolean(true)).isFalse();
        assertThat(response.errorCode()).isEqualTo("RATE_LIMITED");
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertThat(retryAfter).isPositive();
        assertThat(response.json().path("error").path("details").path("retry_after_seconds").asLong()).isEqualTo(retryAfter);
    }

    private static void assertUnauthorized(Api.Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(401);
        assertThat(response.json().path("success").asBoolean(true)).isFalse();
        assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
    }
}
