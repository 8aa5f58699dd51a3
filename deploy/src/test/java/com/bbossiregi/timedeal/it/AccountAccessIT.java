package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who may still act: a stale token never blocks the public endpoints, while protected ones answer 401 in the envelope;
 * a banned or deactivated account loses access at its next request, not at its token's expiry, and cannot log in.
 */
class AccountAccessIT extends SharedApplicationTest {

    /** The signing key {@link ApiTestBase} gives the application. */
    private static final String SIGNING_KEY = "integration-test-signing-key-0123456789abcdef";

    @Test
    void aStaleOrBrokenTokenIsIgnoredOnPublicEndpointsAndRefusedOnProtectedOnes() throws Exception {
        Api.Session shopper = api.newShopper();
        String expired = token(shopper.userId(), "user", Instant.now().minusSeconds(3600));
        String wrongKey = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLW9mLWFub3RoZXIta2V5";
        for (String stale : List.of(expired, wrongKey, "not-a-jwt-at-all")) {
            Api.Response login = api.post("/api/v1/auth/login",
                    Map.of("email", shopper.email(), "password", "password123"), stale);
            assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
            String email = "fresh-" + UUID.randomUUID() + "@test.com";
            Api.Response register = api.post("/api/v1/auth/register",
                    Map.of("email", email, "password", "password123", "name", "Fresh"), stale);
            assertThat(register.status()).as(register.raw().body()).isEqualTo(201);
            assertThat(api.get("/api/v1/timedeals", stale).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/timedeals/1", stale).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/health", stale).status()).isEqualTo(200);

            assertUnauthorized(api.get("/api/v1/orders", stale));
            assertUnauthorized(api.post("/api/v1/orders", Map.of("time_deal_id", 1), stale));
            assertUnauthorized(api.get("/api/v1/admin/projections", stale));
        }
        // The same token, still valid, opens the protected endpoints.
        String valid = token(shopper.userId(), "user", Instant.now().plusSeconds(600));
        assertThat(api.get("/api/v1/orders", valid).status()).isEqualTo(200);
    }

    @Test
    void aBannedShopperLosesAccessAtTheNextRequestAndCannotLogInUntilReactivated() {
        String admin = api.admin().token();
        Api.Session shopper = api.newShopper();
        assertThat(api.get("/api/v1/orders", shopper.token()).status()).isEqualTo(200);

        Api.Response banned = patch("/api/v1/admin/users/" + shopper.userId(), Map.of("status", "banned"), admin);
        assertThat(banned.status()).as(banned.raw().body()).isEqualTo(200);
        assertThat(banned.data().path("status").asText()).isEqualTo("banned");
        assertThat(banned.data().has("password_hash")).isFalse();

        assertUnauthorized(api.get("/api/v1/orders", shopper.token()));
        assertUnauthorized(api.post("/api/v1/orders", Map.of("time_deal_id", 1), shopper.token()));
        Api.Response login = api.post("/api/v1/auth/login",
                Map.of("email", shopper.email(), "password", "password123"), null);
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.errorCode()).isEqualTo("INVALID_CREDENTIALS");
        // Public endpoints stay open to it, as to anyone.
        assertThat(api.get("/api/v1/timedeals", shopper.token()).status()).isEqualTo(200);

        assertThat(patch("/api/v1/admin/users/" + shopper.userId(), Map.of("status", "inactive"), admin).status())
                .isEqualTo(200);
        assertUnauthorized(api.get("/api/v1/orders", shopper.token()));

        assertThat(patch("/api/v1/admin/users/" + shopper.userId(), Map.of("status", "active"), admin).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/orders", shopper.token()).status()).isEqualTo(200);
        assertThat(api.login(shopper.email(), "password123").token()).isNotBlank();
    }

    @Test
    void aRoleChangeRetiresTheTokensThatCarryTheOldRole() {
        String admin = api.admin().token();
        Api.Session shopper = api.newShopper();
        assertThat(patch("/api/v1/admin/users/" + shopper.userId(), Map.of("role", "admin"), admin).status())
                .isEqualTo(200);
        assertUnauthorized(api.get("/api/v1/orders", shopper.token()));
        String promoted = api.login(shopper.email(), "password123").token();
        assertThat(api.get("/api/v1/admin/projections", promoted).status()).isEqualTo(200);

        assertThat(patch("/api/v1/admin/users/" + shopper.userId(), Map.of("role", "user"), admin).status())
                .isEqualTo(200);
        assertUnauthorized(api.get("/api/v1/admin/projections", promoted));
    }

    @Test
    void adminsListAccountsAndEveryBadChangeIsAnsweredInTheEnvelope() {
        String admin = api.admin().token();
        Api.Session shopper = api.newShopper();

        Api.Response page = api.get("/api/v1/admin/users?page=1&per_page=2", admin);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.data()).hasSize(2);
        assertThat(page.json().path("meta").path("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(page.data().get(0).has("password_hash")).isFalse();
        assertThat(api.get("/api/v1/admin/users?per_page=101", admin).status()).isEqualTo(400);

        Api.Response unknownStatus = patch("/api/v1/admin/users/" + shopper.userId(), Map.of("status", "deleted"), admin);
        assertThat(unknownStatus.status()).isEqualTo(400);
        assertThat(unknownStatus.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(field(unknownStatus)).isEqualTo("status");
        Api.Response empty = patch("/api/v1/admin/users/" + shopper.userId(), Map.of(), admin);
        assertThat(empty.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(field(empty)).isEqualTo("status_or_role");
        assertThat(empty.json().path("error").path("details").path(0).path("message").asText()).isEqualTo("is required");
        // The rule's name is no field of the request: sent, in either spelling, it is refused like any unknown field,
        // and nothing changes. (A derived record property ignored by Jackson once let "statusOrRole" through.)
        for (String rule : List.of("status_or_role", "statusOrRole")) {
            Api.Response named = patch("/api/v1/admin/users/" + shopper.userId(),
                    Map.of("status", "banned", rule, true), admin);
            assertThat(named.status()).as(named.raw().body()).isEqualTo(400);
            assertThat(named.errorCode()).isEqualTo("BAD_REQUEST");
            assertThat(field(named)).isEqualTo(rule);
            assertThat(named.json().path("error").path("details").path(0).path("message").asText())
                    .isEqualTo("is not a known field");
        }
        assertThat(api.get("/api/v1/orders", shopper.token()).status()).isEqualTo(200);
        Api.Response unknownRole = patch("/api/v1/admin/users/" + shopper.userId(), Map.of("role", "root"), admin);
        assertThat(unknownRole.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(field(unknownRole)).isEqualTo("role");
        Api.Response missing = patch("/api/v1/admin/users/99999999", Map.of("status", "banned"), admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("NOT_FOUND");
        long adminId = api.admin().userId();
        assertThat(patch("/api/v1/admin/users/" + adminId, Map.of("status", "banned"), admin).status()).isEqualTo(403);

        Api.Response byShopper = patch("/api/v1/admin/users/" + shopper.userId(), Map.of("role", "admin"),
                shopper.token());
        assertThat(byShopper.status()).isEqualTo(403);
        assertThat(byShopper.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.get("/api/v1/admin/users", shopper.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/users", null).status()).isEqualTo(401);
    }

    private static String field(Api.Response response) {
        return response.json().path("error").path("details").path(0).path("field").asText();
    }

    private Api.Response patch(String path, Object body, String token) {
        return api.patch(path, body, token);
    }

    private static void assertUnauthorized(Api.Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(401);
        assertThat(response.json().path("success").asBoolean(true)).isFalse();
        assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
    }

    private static String token(long userId, String role, Instant expiresAt) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(Long.toString(userId))
                .claim("role", role)
                .issueTime(Date.from(expiresAt.minusSeconds(3600)))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SIGNING_KEY.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
