package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The contract's shopper flow, end to end through HTTP on a real PostgreSQL. */
class ShopperFlowIT extends SharedApplicationTest {

    @Test
    void registersLogsInOrdersAndCancelsWithTheStockGivenBack() {
        String email = "flow-" + UUID.randomUUID() + "@test.com";
        Api.Response registered = api.post("/api/v1/auth/register",
                Map.of("email", email, "password", "password123", "name", "Flow Tester", "phone", "010-1234-5678"), null);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().path("success").asBoolean()).isTrue();
        assertThat(registered.data().path("email").asText()).isEqualTo(email);
        assertThat(registered.data().path("role").asText()).isEqualTo("user");
        assertThat(registered.data().path("status").asText()).isEqualTo("active");
        assertThat(registered.data().has("created_at")).isTrue();
        assertThat(registered.raw().body()).doesNotContain("password").doesNotContain("$2a$");

        Api.Response duplicate = api.post("/api/v1/auth/register",
                Map.of("email", email.toUpperCase(), "password", "password123", "name", "Again"), null);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.errorCode()).isEqualTo("DUPLICATE_EMAIL");

        Api.Response login = api.post("/api/v1/auth/login", Map.of("email", email, "password", "password123"), null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.data().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(login.data().path("expires_in").asInt()).isEqualTo(3600);
        assertThat(login.data().path("user").path("email").asText()).isEqualTo(email);
        String token = login.data().path("access_token").asText();

        Api.Response wrongPassword = api.post("/api/v1/auth/login", Map.of("email", email, "password", "wrong-password"), null);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.errorCode()).isEqualTo("INVALID_CREDENTIALS");

        Api.Response list = api.get("/api/v1/timedeals", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("meta").path("page").asInt()).isEqualTo(1);
        assertThat(list.json().path("meta").path("per_page").asInt()).isEqualTo(20);
        assertThat(list.json().path("meta").path("total").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(list.data().get(0).path("status").asText()).isEqualTo("active");
        assertActiveThenScheduledThenRest(list.data());

        Api.Response active = api.get("/api/v1/timedeals?status=active", null);
        assertThat(active.status()).isEqualTo(200);
        assertThat(active.data()).isNotEmpty();
        active.data().forEach(deal -> assertThat(deal.path("status").asText()).isEqualTo("active"));

        JsonNode before = api.get("/api/v1/timedeals/1", null).data();
        assertThat(before.path("id").asLong()).isEqualTo(1);
        assertThat(before.path("deal_price").asLong()).isEqualTo(29900);
        assertThat(before.path("original_price").asLong()).isEqualTo(45000);
        assertThat(before.path("discount_rate").asInt()).isEqualTo(34);
        assertThat(before.path("product").path("category").asText()).isEqualTo("food");
        assertThat(before.path("remaining_seconds").asLong()).isPositive();
        assertThat(before.has("reserved_quantity")).isTrue();

        Api.Response unknown = api.get("/api/v1/timedeals/999999", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(api.get("/api/v1/timedeals/abc", null).status()).isEqualTo(400);

        Api.Response order = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 2), token);
        assertThat(order.status()).isEqualTo(201);
        JsonNode placed = order.data();
        assertThat(placed.path("status").asText()).isEqualTo("reserved");
        assertThat(placed.path("quantity").asInt()).isEqualTo(2);
        assertThat(placed.path("unit_price").asLong()).isEqualTo(29900);
        assertThat(placed.path("total_price").asLong()).isEqualTo(59800);
        assertThat(placed.path("reserved_at").isTextual()).isTrue();
        assertThat(placed.path("time_deal_id").asLong()).isEqualTo(1);
        String orderId = placed.path("id").asText();

        JsonNode held = api.get("/api/v1/timedeals/1", null).data();
        assertThat(held.path("reserved_quantity").asInt() - before.path("reserved_quantity").asInt()).isEqualTo(2);
        assertThat(before.path("available_quantity").asInt() - held.path("available_quantity").asInt()).isEqualTo(2);

        Api.Response noToken = api.post("/api/v1/orders", Map.of("time_deal_id", 1), null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(api.post("/api/v1/orders", Map.of("time_deal_id", 1), "not-a-jwt").status()).isEqualTo(401);

        Api.Response tooMany = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 100), token);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.errorCode()).isEqualTo("INVALID_QUANTITY");
        assertThat(api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 0), token).errorCode())
                .isEqualTo("INVALID_QUANTITY");

        Api.Response mine = api.get("/api/v1/orders", token);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().path("meta").path("total").asLong()).isEqualTo(1);
        assertThat(mine.data().get(0).path("id").asText()).isEqualTo(orderId);

        Api.Response detail = api.get("/api/v1/orders/" + orderId, token);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.data().path("status").asText()).isEqualTo("reserved");
        assertThat(detail.data().path("user_id").asLong()).isEqualTo(login.data().path("user").path("id").asLong());

        Api.Response canceled = api.delete("/api/v1/orders/" + orderId, token);
        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.data().path("id").asText()).isEqualTo(orderId);
        assertThat(canceled.data().path("status").asText()).isEqualTo("canceled");
        assertThat(canceled.data().path("canceled_at").isTextual()).isTrue();

        Api.Response again = api.delete("/api/v1/orders/" + orderId, token);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorCode()).isEqualTo("ALREADY_CANCELED");

        JsonNode after = api.get("/api/v1/timedeals/1", null).data();
        assertThat(after.path("reserved_quantity").asInt()).isEqualTo(before.path("reserved_quantity").asInt());
        assertThat(after.path("available_quantity").asInt()).isEqualTo(before.path("available_quantity").asInt());
        assertThat(api.get("/api/v1/orders/" + orderId, token).data().path("status").asText()).isEqualTo("canceled");
    }

    @Test
    void anotherShoppersOrderIsForbidden() {
        Api.Session owner = api.newShopper();
        Api.Session stranger = api.newShopper();
        String orderId = api.post("/api/v1/orders", Map.of("time_deal_id", 1), owner.token()).data().path("id").asText();

        Api.Response read = api.get("/api/v1/orders/" + orderId, stranger.token());
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.errorCode()).isEqualTo("FORBIDDEN");
        Api.Response cancel = api.delete("/api/v1/orders/" + orderId, stranger.token());
        assertThat(cancel.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/orders/" + orderId, owner.token()).data().path("status").asText()).isEqualTo("reserved");
        assertThat(api.get("/api/v1/orders/no-such-order", owner.token()).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/orders/no-such-order", owner.token()).status()).isEqualTo(404);
        api.delete("/api/v1/orders/" + orderId, owner.token());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndNoSecondOrder() {
        Api.Session shopper = api.newShopper();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        int reservedBefore = api.get("/api/v1/timedeals/1", null).data().path("reserved_quantity").asInt();

        Api.Response first = api.post("/api/v1/orders", Map.of("time_deal_id", 1), shopper.token(), key);
        Api.Response retry = api.post("/api/v1/orders", Map.of("time_deal_id", 1), shopper.token(), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.raw().body()).isEqualTo(first.raw().body());
        assertThat(api.get("/api/v1/orders", shopper.token()).json().path("meta").path("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/timedeals/1", null).data().path("reserved_quantity").asInt() - reservedBefore)
                .isEqualTo(1);

        Api.Response otherBody = api.post("/api/v1/orders", Map.of("time_deal_id", 1, "quantity", 3), shopper.token(), key);
        assertThat(otherBody.status()).isEqualTo(400);
        api.delete("/api/v1/orders/" + first.data().path("id").asText(), shopper.token());
    }

    @Test
    void badInputIsAClear400InTheErrorEnvelope() {
        Api.Session shopper = api.newShopper();
        Api.Response malformed = api.post("/api/v1/orders", "{\"time_deal_id\": 1,", shopper.token());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("success").asBoolean()).isFalse();
        assertThat(malformed.errorCode()).isEqualTo("BAD_REQUEST");

        Api.Response wrongType = api.post("/api/v1/orders", Map.of("time_deal_id", "one"), shopper.token());
        assertThat(wrongType.status()).isEqualTo(400);

        Api.Response missingDeal = api.post("/api/v1/orders", Map.of("quantity", 1), shopper.token());
        assertThat(missingDeal.status()).isEqualTo(400);
        assertThat(missingDeal.errorCode()).isEqualTo("VALIDATION_ERROR");

        Api.Response unknownDeal = api.post("/api/v1/orders", Map.of("time_deal_id", 987654), shopper.token());
        assertThat(unknownDeal.status()).isEqualTo(404);
        assertThat(unknownDeal.errorCode()).isEqualTo("NOT_FOUND");

        Api.Response unknownStatus = api.get("/api/v1/timedeals?status=bogus", null);
        assertThat(unknownStatus.status()).isEqualTo(400);
        assertThat(unknownStatus.errorCode()).isEqualTo("BAD_REQUEST");
        assertThat(api.get("/api/v1/timedeals?per_page=101", null).status()).isEqualTo(400);

        Api.Response badRegistration = api.post("/api/v1/auth/register",
                Map.of("email", "not-an-email", "password", "short", "name", "A"), null);
        assertThat(badRegistration.status()).isEqualTo(400);
        assertThat(badRegistration.errorCode()).isEqualTo("VALIDATION_ERROR");
        List<String> fields = new ArrayList<>();
        badRegistration.json().path("error").path("details").forEach(d -> fields.add(d.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("email", "password", "name");

        assertThat(api.post("/api/v1/auth/register", "[1,2]", null).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/orders", shopper.token()).json().path("meta").path("total").asLong()).isZero();
    }

    /** bcrypt reads 72 bytes of a password; the contract allows 100 characters, and every one of them counts. */
    @Test
    void passwordsOfEveryLengthTheContractAllowsRegisterAndOnlyTheWholeOneLogsIn() {
        for (String password : List.of("p".repeat(100), "a".repeat(72) + "-and-the-rest", "비밀번호".repeat(25))) {
            String email = "long-" + UUID.randomUUID() + "@test.com";
            Api.Response registered = api.post("/api/v1/auth/register",
                    Map.of("email", email, "password", password, "name", "Long Password"), null);
            assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);

            assertThat(api.post("/api/v1/auth/login", Map.of("email", email, "password", password), null).status())
                    .isEqualTo(200);
            Api.Response lastOneWrong = api.post("/api/v1/auth/login",
                    Map.of("email", email, "password", password.substring(0, password.length() - 1) + "!"), null);
            assertThat(lastOneWrong.status()).isEqualTo(401);
            assertThat(lastOneWrong.errorCode()).isEqualTo("INVALID_CREDENTIALS");
        }
        Api.Response tooLong = api.post("/api/v1/auth/register",
                Map.of("email", "long-" + UUID.randomUUID() + "@test.com", "password", "p".repeat(101), "name", "Too Long"),
                null);
        assertThat(tooLong.errorCode()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void runsOnTheTestDatabaseServerNotAnEmbeddedOneOfItsOwn(@Autowired ApplicationContext context) {
        assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
    }

    @Test
    void healthReportsTheDatabase() {
        Api.Response health = api.get("/api/v1/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("healthy");
        assertThat(health.json().path("checks").path("database").asText()).isEqualTo("ok");
    }

    private static void assertActiveThenScheduledThenRest(JsonNode deals) {
        List<Integer> ranks = new ArrayList<>();
        deals.forEach(deal -> ranks.add(switch (deal.path("status").asText()) {
            case "active" -> 0;
            case "scheduled" -> 1;
            default -> 2;
        }));
        assertThat(ranks).isSorted();
    }
}
