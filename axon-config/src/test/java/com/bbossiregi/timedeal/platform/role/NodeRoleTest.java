package com.bbossiregi.timedeal.platform.role;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class NodeRoleTest {

    @Test
    void theRoleIsReadWithRelaxedBindingAndDefaultsToAll() {
        assertThat(NodeRole.of(new MockEnvironment())).isEqualTo(NodeRole.ALL);
        assertThat(NodeRole.of(new MockEnvironment().withProperty("timedeal.role", "command"))).isEqualTo(NodeRole.COMMAND);
        assertThat(NodeRole.of(new MockEnvironment().withProperty("timedeal.role", "QUERY"))).isEqualTo(NodeRole.QUERY);
    }

    @Test
    void allRunsBothSidesAndASplitNodeOnlyItsOwn() {
        assertThat(NodeRole.ALL.runs(NodeRole.COMMAND)).isTrue();
        assertThat(NodeRole.ALL.runs(NodeRole.QUERY)).isTrue();
        assertThat(NodeRole.COMMAND.runs(NodeRole.COMMAND)).isTrue();
        assertThat(NodeRole.COMMAND.runs(NodeRole.QUERY)).isFalse();
        assertThat(NodeRole.QUERY.runs(NodeRole.COMMAND)).isFalse();
        assertThat(NodeRole.QUERY.runs(NodeRole.QUERY)).isTrue();
    }
}
