package com.bbossiregi.timedeal.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Test classes extending this share one application and one database, so each test makes its own shoppers and deals
 * where counts matter.
 */
abstract class SharedApplicationTest extends ApiTestBase {

    private static final TestDatabase.Settings DATABASE = TestDatabase.create("timedeal_it");

    @DynamicPropertySource
    static void sharedApplication(DynamicPropertyRegistry registry) {
        configure(registry, DATABASE);
    }
}
