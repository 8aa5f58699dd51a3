package com.bbossiregi.timedeal.it;

import com.bbossiregi.timedeal.TimeDealApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application the way an operator does, on a given database, so a test can stop and start it. */
final class StandaloneApplication {

    private StandaloneApplication() {
    }

    static ConfigurableApplicationContext start(TestDatabase.Settings database, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--timedeal.demo-data.enabled=true",
                "--timedeal.security.jwt-secret=restart-test-signing-key-0123456789abcdef"));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(TimeDealApplication.class).run(arguments.toArray(String[]::new));
    }

    static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** The management port's probes and scrape, which need no token. */
    static Api management(ConfigurableApplicationContext context) {
        return new Api(context.getEnvironment().getRequiredProperty("local.management.port", Integer.class));
    }
}
