package com.bbossiregi.timedeal.query.audit.projection;

import com.bbossiregi.timedeal.api.audit.ProjectionStatus;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read models' progress and their rebuild (admins only, by the security configuration). What a replay means for
 * readers and for a cluster is described on {@link ReadModelProjections}.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
public class ProjectionAdminController {

    private final ReadModelProjections projections;

    public ProjectionAdminController(ReadModelProjections projections) {
        this.projections = projections;
    }

    @GetMapping
    public ApiResponse<List<ProjectionStatus>> statuses() {
        return ApiResponse.of(projections.statuses());
    }

    /** 202: the rebuild has started (or was already under way) and goes on after the answer. */
    @PostMapping("/{name}/replay")
    public ResponseEntity<ApiResponse<ProjectionStatus>> replay(@PathVariable("name") String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.of(projections.replay(name)));
    }
}
