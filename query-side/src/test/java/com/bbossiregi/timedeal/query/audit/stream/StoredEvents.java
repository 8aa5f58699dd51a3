package com.bbossiregi.timedeal.query.audit.stream;

import com.bbossiregi.timedeal.api.common.Actor;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** Events as the event store hands them out, without a database. */
final class StoredEvents {

    static final Instant RECORDED_AT = Instant.parse("2026-02-27T14:05:00.123Z");
    static final String ORDER_ID = "0b6c3c9e-7f2a-4e55-9a43-1f0f4c1d2e3f";
    static final String DEAL_STREAM = "timedeal-1";
    static final int MAX_GAP_OFFSET = 10_000;

    private StoredEvents() {
    }

    static DomainEventMessage<?> orderEvent(long sequence, Object payload, Actor actor) {
        return domainEvent("Order", ORDER_ID, sequence, payload, actor);
    }

    static DomainEventMessage<?> dealEvent(long sequence, Object payload, Actor actor) {
        return domainEvent("TimeDeal", DEAL_STREAM, sequence, payload, actor);
    }

    static DomainEventMessage<?> domainEvent(String aggregateType, String streamId, long sequence, Object payload,
                                             Actor actor) {
        Map<String, ?> metaData = actor == null ? Map.of() : actor.toMetaData();
        return new GenericDomainEventMessage<>(aggregateType, streamId, sequence, payload, metaData,
                UUID.randomUUID().toString(), RECORDED_AT);
    }

    static TrackedEventMessage<?> tracked(GapAwareTrackingToken token, DomainEventMessage<?> event) {
        return new GenericTrackedDomainEventMessage<>(token, event);
    }

    /** What Spring hands a constructor asking for an {@link ObjectProvider}: the bean, or nothing when null. */
    static <T> ObjectProvider<T> provided(Class<T> type, T bean) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (bean != null) {
            beans.addBean("bean", bean);
        }
        return beans.getBeanProvider(type);
    }

    /** An event published outside any aggregate, as the JDBC store reads one back. */
    static TrackedEventMessage<?> trackedNonAggregate(GapAwareTrackingToken token, Object payload) {
        return new GenericTrackedEventMessage<>(token, new GenericEventMessage<>(payload));
    }
}
