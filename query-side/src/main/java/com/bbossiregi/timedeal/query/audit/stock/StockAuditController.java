package com.bbossiregi.timedeal.query.audit.stock;

import com.bbossiregi.timedeal.api.audit.StockAuditReport;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import com.bbossiregi.timedeal.query.QueryParameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An auditor's proof that a deal's counters agree with its orders (admins only, by the security configuration). */
@RestController
@RequestMapping("/api/v1/admin/audit/timedeals")
public class StockAuditController {

    private final StockAuditor auditor;

    public StockAuditController(StockAuditor auditor) {
        this.auditor = auditor;
    }

    @GetMapping("/{id}")
    public ApiResponse<StockAuditReport> audit(@PathVariable("id") String id) {
        return ApiResponse.of(auditor.audit(QueryParameters.dealId(id)));
    }
}
