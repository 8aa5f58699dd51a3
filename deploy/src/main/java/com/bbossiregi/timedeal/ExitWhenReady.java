package com.bbossiregi.timedeal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;

/**
 * Ends a start that only had to happen ({@code timedeal.startup.exit-when-ready}): once the application is ready, it
 * is closed the ordinary way (the web server, the processors and the scheduler stop, then the embedded PostgreSQL)
 * and the process exits with Spring's exit code. The build's class-data training start uses it, so its archive holds
 * the classes of the whole start, the web server's and the processors' included.
 * <p>
 * Why not Spring's {@code -Dspring.context.exit=onRefresh}, which Spring Boot documents for such a training run: it
 * halts the JVM ({@code Runtime.halt}) before the lifecycle starts, so no shutdown hook runs, and the training's
 * embedded PostgreSQL, a server process of its own, was left running after every build. It also left out the classes
 * the start loads after the refresh.
 */
@EnableConfigurationProperties(StartupSettings.class)
class ExitWhenReady {

    private static final Logger log = LoggerFactory.getLogger(ExitWhenReady.class);

    private final StartupSettings settings;

    ExitWhenReady(StartupSettings settings) {
        this.settings = settings;
    }

    @EventListener
    void exitIfAsked(ApplicationReadyEvent ready) {
        if (!settings.exitWhenReady()) {
            return;
        }
        ConfigurableApplicationContext context = ready.getApplicationContext();
        log.info("Ready; closing and exiting (timedeal.startup.exit-when-ready)");
        // Not on the thread that publishes the event: closing the context from within its own start would close it
        // before Spring's start had returned.
        Thread exit = new Thread(() -> System.exit(SpringApplication.exit(context)), "exit-when-ready");
        exit.start();
    }
}
