package com.bbossiregi.timedeal.platform.cluster;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.AggregateScopeDescriptor;

/**
 * Where a due deadline is delivered: Axon's scopes (repositories, saga managers), except that an aggregate's cached
 * copy on this node is dropped first, so the deadline handler works on the aggregate as stored. The deadline may fire
 * on any command node, not necessarily the one the command bus routes that aggregate to; a copy cached here while this
 * node owned it before may be behind. Whatever the deadline appends then follows the stored stream; if the owner
 * appends at the same time, one of them fails on the stream's unique key and is retried from the store.
 */
public final class CacheBypassingScopes implements ScopeAwareProvider {

    private final ScopeAwareProvider delegate;
    private final List<Cache> aggregateCaches;

    public CacheBypassingScopes(ScopeAwareProvider delegate, List<Cache> aggregateCaches) {
        this.delegate = delegate;
        this.aggregateCaches = List.copyOf(aggregateCaches);
    }

    @Override
    public Stream<ScopeAware> provideScopeAwareStream(ScopeDescriptor scopeDescriptor) {
        if (scopeDescriptor instanceof AggregateScopeDescriptor aggregate) {
            String identifier = String.valueOf(aggregate.getIdentifier());
            aggregateCaches.forEach(cache -> cache.remove(identifier));
        }
        return delegate.provideScopeAwareStream(scopeDescriptor);
    }
}
