package com.bbossiregi.timedeal.query.audit.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.bbossiregi.timedeal.api.audit.StockAuditReport;
import com.bbossiregi.timedeal.api.audit.StockCounts;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class StockAuditControllerTest {

    private final StockAuditor auditor = mock(StockAuditor.class);
    private final StockAuditController controller = new StockAuditController(auditor);

    @Test
    void aDealIdIsAuditedAsANumber() {
        StockAuditReport report = new StockAuditReport(12, true, StockCounts.NONE, StockCounts.NONE, StockCounts.NONE,
                List.of());
        when(auditor.audit(12)).thenReturn(report);

        assertThat(controller.audit("12").data()).isEqualTo(report);
    }

    @Test
    void aMalformedIdIsABadRequestAndAuditsNothing() {
        assertThatThrownBy(() -> controller.audit("twelve"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        verify(auditor, never()).audit(anyLong());
    }
}
