package com.bbossiregi.timedeal.it;

import com.bbossiregi.timedeal.TimeDealApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole system on a real PostgreSQL, driven through HTTP. Test classes extending this share one application and
 * one database (with the demo data), so each test makes its own shoppers and deals where counts matter.
 */
@SpringBootTest(classes = TimeDealApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestBase {

    private static final TestDatabase.Settings DATABASE = TestDatabase.create("timedeal_it");

    @LocalServerPort
    int port;

    protected Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("timedeal.demo-data.enabled", () -> "true");
        registry.add("timedeal.security.jwt-secret", () -> "integration-test-signing-key-0123456789abcdef");
        // A slow CI machine must not turn a reservation into a 202: these tests assert the final answers.
        registry.add("timedeal.orders.outcome-wait", () -> "30s");
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }
}
