package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An admin lists, reads and changes products, and changes deals that have not started; auditors see who did it. */
class AdminCatalogChangesIT extends SharedApplicationTest {

    private String admin() {
        return api.admin().token();
    }

    private long newProduct(String admin, String name) {
        return api.post("/api/v1/admin/products", Map.of("name", name, "price", 20000, "category", "toy"), admin)
                .data().path("id").asLong();
    }

    private long newDeal(String admin, long productId, Instant start, Instant end) {
        Api.Response created = api.post("/api/v1/admin/timedeals", Map.of("product_id", productId, "deal_price", 15000,
                "stock_quantity", 20, "start_at", start.toString(), "end_at", end.toString()), admin);
        assertThat(created.status()).isEqualTo(201);
        return created.data().path("id").asLong();
    }

    private boolean listed(long dealId) {
        for (JsonNode deal : api.get("/api/v1/timedeals?per_page=100", null).data()) {
            if (deal.path("id").asLong() == dealId) {
                return true;
            }
        }
        return false;
    }

    @Test
    void productsArePagedWithTheirStatusForAdminsOnly() {
        String admin = admin();
        Api.Response page = api.get("/api/v1/admin/products?page=1&per_page=2", admin);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.data()).hasSize(2);
        assertThat(page.json().path("meta").path("total").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(page.data().get(0).path("status").asText()).isEqualTo("active");
        assertThat(api.get("/api/v1/admin/products/1", admin).data().path("name").asText()).isNotBlank();
        assertThat(api.get("/api/v1/admin/products/999999", admin).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(api.get("/api/v1/admin/products/abc", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/admin/products?status=sold", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/admin/products", api.newShopper().token()).status()).isEqualTo(403);
        assertThat(api.patch("/api/v1/admin/products/1", Map.of("name", "x"), api.newShopper().token()).status())
                .isEqualTo(403);
    }

    @Test
    void aProductChangeShowsInItsDealsAndInItsStream() {
        String admin = admin();
        long productId = newProduct(admin, "Rope toy");
        long dealId = newDeal(admin, productId, Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200));

        Api.Response changed = api.patch("/api/v1/admin/products/" + productId,
                Map.of("name", "Rope toy XL", "price", 24000, "image_url", "https://img/rope.png"), admin);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.data().path("name").asText()).isEqualTo("Rope toy XL");
        assertThat(changed.data().path("category").asText()).isEqualTo("toy");
        assertThat(api.get("/api/v1/admin/products/" + productId, admin).data().path("price").asLong()).isEqualTo(24000);
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("product").path("name").asText())
                .isEqualTo("Rope toy XL");
        List<JsonNode> changes = api.getLines("/api/v1/admin/events?type=PRODUCT_CHANGED&limit=10000", admin);
        assertThat(changes).anySatisfy(event -> {
            assertThat(event.path("stream_id").asText()).isEqualTo("product-" + productId);
            assertThat(event.path("actor_type").asText()).isEqualTo("admin");
        });
        assertThat(api.patch("/api/v1/admin/products/" + productId, Map.of("price", 0), admin).errorCode())
                .isEqualTo("VALIDATION_ERROR");
        assertThat(api.patch("/api/v1/admin/products/999999", Map.of("name", "ghost"), admin).status()).isEqualTo(404);
    }

    @Test
    void aScheduledDealOfAnInactiveProductDoesNotStartUntilTheProductIsActiveAgain() {
        String admin = admin();
        long productId = newProduct(admin, "Chew bone");
        Instant start = Instant.now().plusSeconds(2);
        long dealId = newDeal(admin, productId, start, start.plusSeconds(3600));
        assertThat(api.patch("/api/v1/admin/products/" + productId, Map.of("status", "inactive"), admin).status())
                .isEqualTo(200);
        Api.Session shopper = api.newShopper();

        eventually(Duration.ofSeconds(15), () -> assertThat(Instant.now()).isAfter(start.plusSeconds(1)));
        eventually(Duration.ofSeconds(15), () -> assertThat(api.post("/api/v1/orders", Map.of("time_deal_id", dealId),
                shopper.token()).errorCode()).isEqualTo("DEAL_NOT_ACTIVE"));
        assertThat(api.get("/api/v1/timedeals/" + dealId, null).data().path("status").asText()).isEqualTo("scheduled");

        api.patch("/api/v1/admin/products/" + productId, Map.of("status", "active"), admin);
        eventually(Duration.ofSeconds(15), () -> assertThat(
                api.get("/api/v1/timedeals/" + dealId, null).data().path("status").asText()).isEqualTo("active"));
        assertThat(api.post("/api/v1/orders", Map.of("time_deal_id", dealId), shopper.token()).status()).isEqualTo(201);
    }

    @Test
    void aDeletedProductsDealsLeaveTheListing() {
        String admin = admin();
        long productId = newProduct(admin, "Old leash");
        long dealId = newDeal(admin, productId, Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200));
        assertThat(listed(dealId)).isTrue();

        api.patch("/api/v1/admin/products/" + productId, Map.of("status", "deleted"), admin);

        assertThat(listed(dealId)).isFalse();
        assertThat(api.get("/api/v1/admin/products?status=deleted&per_page=100", admin).data())
                .anySatisfy(product -> assertThat(product.path("id").asLong()).isEqualTo(productId));
        assertThat(api.patch("/api/v1/admin/products/" + productId, Map.of("status", "active"), admin).status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/admin/timedeals", Map.of("product_id", productId, "deal_price", 1000,
                "stock_quantity", 1, "start_at", Instant.now().plusSeconds(60).toString(),
                "end_at", Instant.now().plusSeconds(120).toString()), admin).status()).isEqualTo(404);
    }

    @Test
    void aDealThatHasNotStartedTakesNewTermsAndOneThatStartedKeepsItsOwn() {
        String admin = admin();
        Instant start = Instant.now().plusSeconds(3600);
        long dealId = newDeal(admin, 3, start, start.plusSeconds(3600));

        Api.Response changed = api.patch("/api/v1/admin/timedeals/" + dealId, Map.of("deal_price", 12000,
                "stock_quantity", 40, "max_per_shopper", 2, "end_at", start.plusSeconds(7200).toString()), admin);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.data().path("deal_price").asLong()).isEqualTo(12000);
        assertThat(changed.data().path("stock_quantity").asInt()).isEqualTo(40);
        assertThat(changed.data().path("max_per_shopper").asInt()).isEqualTo(2);
        JsonNode listed = api.get("/api/v1/timedeals/" + dealId, null).data();
        assertThat(listed.path("deal_price").asLong()).isEqualTo(12000);
        assertThat(listed.path("available_quantity").asInt()).isEqualTo(40);
        assertThat(listed.path("end_at").asText()).isEqualTo(start.plusSeconds(7200).toString().replaceAll("\\.\\d+", ""));

        Api.Response invalid = api.patch("/api/v1/admin/timedeals/" + dealId, Map.of("deal_price", 999999), admin);
        assertThat(invalid.errorCode()).isEqualTo("VALIDATION_ERROR");
        Api.Response started = api.patch("/api/v1/admin/timedeals/1", Map.of("deal_price", 100), admin);
        assertThat(started.status()).isEqualTo(409);
        assertThat(started.errorCode()).isEqualTo("DEAL_ALREADY_STARTED");
        assertThat(api.patch("/api/v1/admin/timedeals/999999", Map.of("deal_price", 100), admin).status())
                .isEqualTo(404);
    }
}
