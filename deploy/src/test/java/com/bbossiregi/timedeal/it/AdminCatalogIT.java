package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Admins create products and deals; nobody else may. */
class AdminCatalogIT extends SharedApplicationTest {

    @Test
    void anAdminCreatesAProductAndADealThatIsActiveAtOnceWhenItHasStarted() {
        String admin = api.admin().token();
        Api.Response product = api.post("/api/v1/admin/products", Map.of("name", "Salmon treats", "description", "Dried",
                "price", 12000, "category", "food", "image_url", "https://img.example/salmon.png"), admin);
        assertThat(product.status()).isEqualTo(201);
        assertThat(product.data().path("status").asText()).isEqualTo("active");
        assertThat(product.data().path("category").asText()).isEqualTo("food");
        long productId = product.data().path("id").asLong();
        assertThat(productId).isGreaterThan(5);

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Api.Response deal = api.post("/api/v1/admin/timedeals", Map.of("product_id", productId, "deal_price", 9000,
                "stock_quantity", 30, "start_at", now.minusSeconds(60).toString(),
                "end_at", now.plusSeconds(3600).toString()), admin);
        assertThat(deal.status()).isEqualTo(201);
        JsonNode created = deal.data();
        assertThat(created.path("status").asText()).isEqualTo("active");
        assertThat(created.path("original_price").asLong()).isEqualTo(12000);
        assertThat(created.path("discount_rate").asInt()).isEqualTo(25);
        assertThat(created.path("available_quantity").asInt()).isEqualTo(30);
        assertThat(created.path("reserved_quantity").asInt()).isZero();
        assertThat(created.path("product").path("name").asText()).isEqualTo("Salmon treats");

        JsonNode listed = api.get("/api/v1/timedeals/" + created.path("id").asLong(), null).data();
        assertThat(listed.path("status").asText()).isEqualTo("active");
        assertThat(listed.path("stock_quantity").asInt()).isEqualTo(30);
    }

    @Test
    void aScheduledDealRefusesOrdersUntilItStarts() {
        String admin = api.admin().token();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Api.Response deal = api.post("/api/v1/admin/timedeals", Map.of("product_id", 2, "original_price", 89000,
                "deal_price", 50000, "stock_quantity", 5, "start_at", now.plusSeconds(7200).toString(),
                "end_at", now.plusSeconds(10800).toString()), admin);
        assertThat(deal.status()).isEqualTo(201);
        assertThat(deal.data().path("status").asText()).isEqualTo("scheduled");
        assertThat(deal.data().path("remaining_seconds").asLong()).isBetween(7100L, 7200L);

        Api.Session shopper = api.newShopper();
        Api.Response order = api.post("/api/v1/orders", Map.of("time_deal_id", deal.data().path("id").asLong()),
                shopper.token());
        assertThat(order.status()).isEqualTo(400);
        assertThat(order.errorCode()).isEqualTo("DEAL_NOT_ACTIVE");
        assertThat(api.get("/api/v1/timedeals/" + deal.data().path("id").asLong(), null).data()
                .path("available_quantity").asInt()).isEqualTo(5);
    }

    @Test
    void invalidDealsAreRejectedWithTheFieldsNamed() {
        String admin = api.admin().token();
        Instant now = Instant.now();
        Map<String, Object> body = new HashMap<>(Map.of("product_id", 1, "deal_price", 50000, "stock_quantity", 0,
                "start_at", now.plusSeconds(100).toString(), "end_at", now.toString()));
        Api.Response invalid = api.post("/api/v1/admin/timedeals", body, admin);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorCode()).isEqualTo("VALIDATION_ERROR");

        body.put("product_id", 999999);
        body.put("stock_quantity", 10);
        body.put("deal_price", 100);
        body.put("end_at", now.plusSeconds(200).toString());
        assertThat(api.post("/api/v1/admin/timedeals", body, admin).status()).isEqualTo(404);

        Api.Response unknownCategory = api.post("/api/v1/admin/products",
                Map.of("name", "X", "price", 100, "category", "weapons"), admin);
        assertThat(unknownCategory.status()).isEqualTo(400);
    }

    @Test
    void aProductsImagesAreWebAddressesOrPathsAndNothingAPageWouldRun() {
        String admin = api.admin().token();
        for (String address : new String[] {"javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>x</b>",
                "img.png", "https://img.example/a b.png", "https://", "/a\u0001.png", "/a\t.png"}) {
            Api.Response refused = api.post("/api/v1/admin/products",
                    Map.of("name", "Bad image", "price", 100, "category", "toy", "image_url", address), admin);
            assertThat(refused.status()).as(address).isEqualTo(400);
            assertThat(refused.errorCode()).as(address).isEqualTo("VALIDATION_ERROR");
            assertThat(refused.json().path("error").path("details").path(0).path("field").asText()).as(address)
                    .isEqualTo("image_url");
        }
        Api.Response thumbnail = api.post("/api/v1/admin/products",
                Map.of("name", "Bad image", "price", 100, "category", "toy", "thumbnail_url", "vbscript:x"), admin);
        assertThat(thumbnail.json().path("error").path("details").path(0).path("field").asText())
                .isEqualTo("thumbnail_url");

        Api.Response product = api.post("/api/v1/admin/products", Map.of("name", "Good image", "price", 100,
                "category", "toy", "image_url", "/images/ball.png", "thumbnail_url", "HTTP://img.example/ball-s.png"),
                admin);
        assertThat(product.status()).isEqualTo(201);
        String path = "/api/v1/admin/products/" + product.data().path("id").asLong();
        Api.Response changed = api.patch(path, Map.of("image_url", "javascript:alert(1)"), admin);
        assertThat(changed.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(api.get(path, admin).data().path("image_url").asText()).isEqualTo("/images/ball.png");
        assertThat(api.patch(path, Map.of("image_url", ""), admin).data().path("image_url").asText()).isEmpty();
    }

    @Test
    void onlyAdminsMayUseTheAdminApi() {
        Api.Session shopper = api.newShopper();
        Api.Response forbidden = api.post("/api/v1/admin/products",
                Map.of("name", "X", "price", 100, "category", "toy"), shopper.token());
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post("/api/v1/admin/timedeals", Map.of(), shopper.token()).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/products", Map.of("name", "X", "price", 100, "category", "toy"), null).status())
                .isEqualTo(401);
    }
}
