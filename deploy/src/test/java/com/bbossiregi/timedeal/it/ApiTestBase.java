package com.bbossiregi.timedeal.it;

import com.bbossiregi.timedeal.TimeDealApplication;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole system on a real PostgreSQL, driven through HTTP, with the demo data. Each concrete application
 * configuration names its database in exactly one {@code @DynamicPropertySource}, through {@link #configure}: two
 * applications on one database would both run the processors. After every test the stock invariant must hold.
 */
@SpringBootTest(classes = TimeDealApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot's tests leave metrics exporters off; these tests run the application as an operator does, Prometheus on.
@AutoConfigureObservability(tracing = false)
public abstract class ApiTestBase {

    @LocalServerPort
    int port;

    protected Api api;

    protected static void configure(DynamicPropertyRegistry registry, TestDatabase.Settings database) {
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("timedeal.demo-data.enabled", () -> "true");
        registry.add("timedeal.security.jwt-secret", () -> "integration-test-signing-key-0123456789abcdef");
        // A slow CI machine must not turn a reservation into a 202: these tests assert the final answers.
        registry.add("timedeal.orders.outcome-wait", () -> "30s");
        registry.add("timedeal.payment.timeout", () -> "1s");
        registry.add("timedeal.payment.simulator.latency", () -> "10ms");
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @AfterEach
    void stockStillMatchesOrders() {
        StockInvariant.assertHolds(api);
    }

    /** Waits, bounded, for something the system does on its own (a deadline, a saga) to become visible. */
    protected static void eventually(Duration within, Runnable assertion) {
        eventually(within, () -> {
            assertion.run();
            return null;
        });
    }

    /** As {@link #eventually(Duration, Runnable)}, and returns what the assertion read the time it passed. */
    protected static <T> T eventually(Duration within, Supplier<T> assertion) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return assertion.get();
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
