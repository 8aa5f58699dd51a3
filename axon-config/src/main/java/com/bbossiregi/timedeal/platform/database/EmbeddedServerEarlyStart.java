package com.bbossiregi.timedeal.platform.database;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded PostgreSQL of the one-command run on a thread of its own as soon as the settings are known, so
 * the server comes up while Spring reads the configuration classes; the {@link EmbeddedServer} bean then takes the
 * running server instead of starting one (about a second of the start, most of it waiting for the server process).
 *
 * <p>Written here because Spring's own background initialization ({@code @Bean(bootstrap = BACKGROUND)}) begins only
 * when the singletons are instantiated, after the web server, whose filters already need the data source. Added by
 * the application's {@code main} only: a test or a context without the embedded database never starts one this way.
 * A server started here that no bean takes (the context failed first, or the bound settings differ) is stopped when
 * the context's beans are destroyed; settings that break their constraints start nothing here, and the
 * {@link EmbeddedDatabaseProperties} bean then refuses them with the setting's name.
 */
public final class EmbeddedServerEarlyStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN_NAME = "embeddedServerEarlyStart";
    private static final String PREFIX = "timedeal.database.embedded";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (DatabaseMode.of(environment) != DatabaseMode.EMBEDDED) {
            return;
        }
        EmbeddedDatabaseProperties settings =
                Binder.get(environment).bindOrCreate(PREFIX, EmbeddedDatabaseProperties.class);
        Started started = new Started(settings);
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(BEAN_NAME, started);
        if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(BEAN_NAME, started);
        }
    }

    /** The server being started for this context's {@link EmbeddedServer} bean, until the bean takes it. */
    public static final class Started implements DisposableBean {

        private static final Logger log = LoggerFactory.getLogger(Started.class);

        private final EmbeddedDatabaseProperties settings;
        private final CompletableFuture<EmbeddedServer> server = new CompletableFuture<>();
        private boolean taken;

        Started(EmbeddedDatabaseProperties settings) {
            this.settings = settings;
            Thread thread = new Thread(this::start, "embedded-postgres-start");
            thread.setDaemon(true);
            thread.start();
        }

        private void start() {
            try {
                server.complete(valid(settings) ? EmbeddedServer.start(settings) : null);
            } catch (IOException | RuntimeException e) {
                server.completeExceptionally(e);
            }
        }

        private static boolean valid(EmbeddedDatabaseProperties settings) {
            try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
                return validation.getValidator().validate(settings).isEmpty();
            }
        }

        /**
         * The running server for a bean bound to {@code boundSettings}: the one started here, waited for, or a new
         * one when this start used other settings or started nothing. A start that failed here fails the same way.
         */
        synchronized EmbeddedServer take(EmbeddedDatabaseProperties boundSettings) throws IOException {
            if (!boundSettings.equals(settings)) {
                destroy();
                return EmbeddedServer.start(boundSettings);
            }
            EmbeddedServer running = await();
            taken = true;
            return running != null ? running : EmbeddedServer.start(boundSettings);
        }

        @Override
        public synchronized void destroy() throws IOException {
            if (taken) {
                return;
            }
            taken = true;
            EmbeddedServer running;
            try {
                running = await();
            } catch (IOException | RuntimeException e) {
                log.debug("The embedded PostgreSQL started early did not start; nothing to stop", e);
                return;
            }
            if (running != null) {
                running.close();
            }
        }

        private EmbeddedServer await() throws IOException {
            try {
                return server.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw e;
            }
        }
    }
}
