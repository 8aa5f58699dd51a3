package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

class CachingCommandTargetResolverTest {

    record ByMethod(long timeDealId) {
        @TargetAggregateIdentifier
        public String streamId() {
            return "timedeal-" + timeDealId;
        }
    }

    static final class ByField {
        @TargetAggregateIdentifier
        private final String orderId;
        @TargetAggregateVersion
        private final String expectedVersion;

        ByField(String orderId, String expectedVersion) {
            this.orderId = orderId;
            this.expectedVersion = expectedVersion;
        }
    }

    record Untargeted(String orderId) {
    }

    private final CachingCommandTargetResolver resolver = new CachingCommandTargetResolver();

    @Test
    void readsTheAnnotatedMethodOfEachCommandOfTheClass() {
        VersionedAggregateIdentifier first = resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new ByMethod(7)));
        VersionedAggregateIdentifier second = resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new ByMethod(8)));

        assertThat(first.getIdentifier()).isEqualTo("timedeal-7");
        assertThat(first.getVersion()).isNull();
        assertThat(second.getIdentifier()).isEqualTo("timedeal-8");
    }

    @Test
    void readsAnnotatedFieldsAndTheVersion() {
        VersionedAggregateIdentifier target =
                resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new ByField("order-1", "3")));

        assertThat(target.getIdentifier()).isEqualTo("order-1");
        assertThat(target.getVersion()).isEqualTo(3L);
    }

    @Test
    void refusesACommandWithoutTargetOrWithANullOne() {
        assertThatThrownBy(() -> resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new Untargeted("x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new ByField(null, null))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
