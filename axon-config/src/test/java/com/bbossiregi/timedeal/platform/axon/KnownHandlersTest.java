package com.bbossiregi.timedeal.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.junit.jupiter.api.Test;

class KnownHandlersTest {

    /** A read model of text events that can be reset. */
    static class TextReadModel {
        final List<Object> handled = new ArrayList<>();

        @EventHandler
        void on(String event) {
            handled.add(event);
        }

        @ResetHandler
        void reset() {
            handled.add("reset");
        }
    }

    /** Axon's own invoker for the read model, counting how often it is asked what depends on its handlers alone. */
    static class Counting extends SimpleEventHandlerInvoker {
        int typeQuestions;
        int resetQuestions;

        Counting(Object readModel) {
            super(SimpleEventHandlerInvoker.builder().eventHandlers(readModel));
        }

        @Override
        public boolean canHandleType(Class<?> payloadType) {
            typeQuestions++;
            return super.canHandleType(payloadType);
        }

        @Override
        public boolean supportsReset() {
            resetQuestions++;
            return super.supportsReset();
        }
    }

    private final TextReadModel readModel = new TextReadModel();
    private final Counting counting = new Counting(readModel);
    private final EventHandlerInvoker processorsInvoker =
            KnownHandlers.around(new MultiEventHandlerInvoker(counting));

    @Test
    void theHandlersAreAskedOnceWhatDependsOnThemAlone() {
        for (int i = 0; i < 5; i++) {
            assertThat(processorsInvoker.canHandleType(String.class)).isTrue();
            assertThat(processorsInvoker.canHandleType(Long.class)).isFalse();
            assertThat(processorsInvoker.supportsReset()).isTrue();
            assertThat(processorsInvoker.canHandle(GenericEventMessage.asEventMessage("placed"), Segment.ROOT_SEGMENT))
                    .isTrue();
        }

        assertThat(counting.typeQuestions).as("once per payload type").isEqualTo(2);
        assertThat(counting.resetQuestions).isEqualTo(1);
    }

    @Test
    void everythingElseReachesTheHandlers() throws Exception {
        processorsInvoker.handle(GenericEventMessage.asEventMessage("placed"), Segment.ROOT_SEGMENT);
        processorsInvoker.handle(GenericEventMessage.asEventMessage(42L), Segment.ROOT_SEGMENT);
        processorsInvoker.performReset();

        assertThat(readModel.handled).containsExactly("placed", "reset");
        assertThat(processorsInvoker.canHandle(GenericEventMessage.asEventMessage(42L), Segment.ROOT_SEGMENT))
                .isFalse();
    }

    @Test
    void anInvokerIsWrappedOnce() {
        EventHandlerInvoker known = KnownHandlers.around(counting);
        assertThat(KnownHandlers.around(known)).isSameAs(known);
    }
}
