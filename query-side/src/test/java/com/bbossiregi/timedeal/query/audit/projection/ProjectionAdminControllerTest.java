package com.bbossiregi.timedeal.query.audit.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.bbossiregi.timedeal.api.audit.ProjectionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ProjectionAdminControllerTest {

    private final ReadModelProjections projections = mock(ReadModelProjections.class);
    private final ProjectionAdminController controller = new ProjectionAdminController(projections);

    @Test
    void aReplayIsAcceptedWithTheStatusItStartedFrom() {
        ProjectionStatus replaying = new ProjectionStatus("deal-listing", null, 40, 0, true, true, false);
        when(projections.replay("deal-listing")).thenReturn(replaying);

        var response = controller.replay("deal-listing");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(response.getBody().data()).isEqualTo(replaying);
    }
}
