package com.bbossiregi.timedeal.command.demo;

import com.bbossiregi.timedeal.api.common.Actor;
import com.bbossiregi.timedeal.api.product.ProductCategory;
import com.bbossiregi.timedeal.command.admin.CatalogCommands;
import com.bbossiregi.timedeal.command.auth.AccountService;
import com.bbossiregi.timedeal.command.auth.UserAccounts;
import com.bbossiregi.timedeal.platform.database.DatabaseMode;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The contract's demo data, created through the same commands an admin would send, so it exists as events. Each
 * piece is created only when missing: a restart on the same store creates nothing again. On by default only for
 * the embedded run ({@code timedeal.demo-data.enabled}). It runs once Axon has started and before the web server opens,
 * so no client ever sees the shop without its demo data.
 */
@Component
@Conditional(DatabaseMode.DemoData.class)
public class DemoData implements SmartLifecycle {

    /** After Axon's configuration (phase MAX - 3072), before the web server (MAX - 2048). */
    private static final int PHASE = Integer.MAX_VALUE - 2560;

    private volatile boolean loaded;

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private record DemoUser(String email, String password, String name, String role) {
    }

    private record DemoProduct(long id, String name, String description, long price, ProductCategory category) {
    }

    private record DemoDeal(long id, long productId, long dealPrice, int stock, Duration startIn, Duration length) {
    }

    private static final List<DemoUser> USERS = List.of(
            new DemoUser("admin@bbossiregi.com", "admin1234!", "Admin", AuthenticatedUser.ADMIN),
            new DemoUser("user1@test.com", "password123", "Test User 1", AuthenticatedUser.USER),
            new DemoUser("user2@test.com", "password123", "Test User 2", AuthenticatedUser.USER));

    private static final List<DemoProduct> PRODUCTS = List.of(
            new DemoProduct(1, "Premium dog food 3kg", "Grain-free premium dog food", 45000, ProductCategory.FOOD),
            new DemoProduct(2, "Cat tower", "Five-level cat tower with scratching posts", 89000, ProductCategory.LIVING),
            new DemoProduct(3, "Dog chew toy", "Durable rubber chew toy", 25000, ProductCategory.TOY),
            new DemoProduct(4, "Pet immunity supplement", "Daily immunity supplement for dogs and cats", 35000,
                    ProductCategory.HEALTH),
            new DemoProduct(5, "Pet winter padding", "Warm padded winter jacket for pets", 55000, ProductCategory.FASHION));

    private static final Duration HOUR = Duration.ofHours(1);
    private static final List<DemoDeal> DEALS = List.of(
            new DemoDeal(1, 1, 29900, 100, Duration.ofMinutes(-30), HOUR),
            new DemoDeal(2, 2, 59900, 50, HOUR, HOUR),
            new DemoDeal(3, 3, 15900, 200, Duration.ofHours(3), HOUR),
            new DemoDeal(4, 4, 24900, 150, Duration.ofDays(1), HOUR),
            new DemoDeal(5, 5, 35900, 80, Duration.ofDays(1).plusHours(2), HOUR));

    private final AccountService accountService;
    private final UserAccounts accounts;
    private final CatalogCommands catalog;
    private final Clock clock;

    public DemoData(AccountService accountService, UserAccounts accounts, CatalogCommands catalog, Clock clock) {
        this.accountService = accountService;
        this.accounts = accounts;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public boolean isRunning() {
        return loaded;
    }

    @Override
    public void stop() {
        loaded = false;
    }

    @Override
    public void start() {
        if (!loaded) {
            load();
            loaded = true;
        }
    }

    private void load() {
        int created = 0;
        for (DemoUser user : USERS) {
            if (accounts.findByEmail(user.email()).isEmpty()) {
                accountService.register(new AccountService.RegisterRequest(user.email(), user.password(), user.name(), null),
                        user.role());
                created++;
            }
        }
        for (DemoProduct product : PRODUCTS) {
            if (!catalog.productExists(product.id())) {
                catalog.createProduct(product.id(), new CatalogCommands.NewProduct(product.name(), product.description(),
                        product.price(), null, null, product.category()), Actor.SYSTEM);
                created++;
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        for (DemoDeal deal : DEALS) {
            if (!catalog.timeDealExists(deal.id())) {
                Instant start = now.plus(deal.startIn());
                catalog.createTimeDeal(deal.id(), new CatalogCommands.NewTimeDeal(deal.productId(), null, deal.dealPrice(),
                        deal.stock(), start, start.plus(deal.length()), null), Actor.SYSTEM);
                created++;
            }
        }
        catalog.advanceSequencesPast(PRODUCTS.size(), DEALS.size());
        log.info(created == 0 ? "Demo data already present" : "Demo data: created {} missing item(s)", created);
    }
}
