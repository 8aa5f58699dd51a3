package com.bbossiregi.timedeal.query.audit.projection;

import com.bbossiregi.timedeal.api.audit.DeadLetterEviction;
import com.bbossiregi.timedeal.api.audit.DeadLetterRetry;
import com.bbossiregi.timedeal.platform.axon.deadletter.DeadLetters;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an admin does with a processing group's dead letters (listed on {@code GET /api/v1/admin/projections}): retry a
 * sequence with the code running now, retry them all, or evict a sequence for good. Admins only, by the security
 * configuration. A group or sequence this instance does not know answers 404.
 */
@RestController
@RequestMapping("/api/v1/admin/projections/{group}/dead-letters")
public class DeadLetterAdminController {

    private final DeadLetters deadLetters;

    public DeadLetterAdminController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Handles the sequence's letters again, in order; answers whether they all went through. */
    @PostMapping("/{sequenceId}/retry")
    public ApiResponse<DeadLetterRetry> retry(@PathVariable("group") String group,
                                              @PathVariable("sequenceId") String sequenceId) {
        return ApiResponse.of(deadLetters.retry(group, sequenceId));
    }

    /** Retries every sequence of the group once. */
    @PostMapping("/retry")
    public ApiResponse<List<DeadLetterRetry>> retryAll(@PathVariable("group") String group) {
        return ApiResponse.of(deadLetters.retryAll(group));
    }

    /** Drops the sequence's letters: the group never handles those events (a replay of a read model would). */
    @DeleteMapping("/{sequenceId}")
    public ApiResponse<DeadLetterEviction> evict(@PathVariable("group") String group,
                                                 @PathVariable("sequenceId") String sequenceId) {
        return ApiResponse.of(new DeadLetterEviction(group, sequenceId, deadLetters.evict(group, sequenceId)));
    }
}
