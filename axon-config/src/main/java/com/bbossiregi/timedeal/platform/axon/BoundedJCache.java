package com.bbossiregi.timedeal.platform.axon;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.axonframework.common.caching.JCacheAdapter;

/**
 * An Axon cache (aggregates, sagas) over Caffeine's JCache provider that keeps what it holds until it is full, then
 * evicts by Caffeine's size policy (recency and frequency).
 *
 * <p>Axon's {@code WeakReferenceCache} loses every entry at each garbage collection: a hot deal then has to be
 * rebuilt from its snapshot and events several times a second under load, and each slow rebuild triggers yet another
 * snapshot. Caffeine holds strong references unless told otherwise, and its size bound caps what memory they take.
 * Values are held by reference (JCache's default would copy them on every read and write).
 *
 * <p>Each instance is a cache of its own in the provider's shared manager, removed from it on {@link #close()}
 * (Spring calls it when the context closes), so that contexts started one after another in a JVM never share entries.
 */
public final class BoundedJCache extends JCacheAdapter implements AutoCloseable {

    private static final AtomicLong INSTANCES = new AtomicLong();

    private final javax.cache.Cache<Object, Object> cache;

    private BoundedJCache(javax.cache.Cache<Object, Object> cache) {
        super(cache);
        this.cache = cache;
    }

    public static BoundedJCache create(String name, long maximumSize) {
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setMaximumSize(OptionalLong.of(maximumSize));
        configuration.setStoreByValue(false);
        // Size upkeep runs on the thread that changed the cache, as with a plain Caffeine cache given that executor.
        configuration.setExecutorFactory(() -> (Executor) Runnable::run);
        return new BoundedJCache(manager().createCache(name + "-" + INSTANCES.incrementAndGet(), configuration));
    }

    private static CacheManager manager() {
        CachingProvider provider = Caching.getCachingProvider(CaffeineCachingProvider.class.getName(),
                BoundedJCache.class.getClassLoader());
        return provider.getCacheManager(provider.getDefaultURI(), BoundedJCache.class.getClassLoader());
    }

    /** How many entries the cache holds now. */
    public long size() {
        return StreamSupport.stream(cache.spliterator(), false).count();
    }

    @Override
    public void close() {
        if (!cache.isClosed()) {
            cache.getCacheManager().destroyCache(cache.getName());
        }
    }
}
