package com.bbossiregi.timedeal.query.audit.stream;

import com.bbossiregi.timedeal.api.audit.RecordedEvent;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.PageMeta;
import com.bbossiregi.timedeal.api.common.PageRequest;
import com.bbossiregi.timedeal.api.common.StreamIds;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import com.bbossiregi.timedeal.query.QueryParameters;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A deal's recorded history for administrators (the role is checked by the security configuration for /admin),
 * a page at a time: a busy deal records an event per reservation, release and sale.
 */
@RestController
@RequestMapping("/api/v1/admin/timedeals")
public class TimeDealEventStreamController {

    private final EventStore eventStore;
    private final RecordedEventConverter converter;

    public TimeDealEventStreamController(EventStore eventStore, RecordedEventConverter converter) {
        this.eventStore = eventStore;
        this.converter = converter;
    }

    /** Page {@code n} holds sequences {@code (n-1)*per_page} to {@code n*per_page-1}; only those are read. */
    @GetMapping("/{id}/events")
    public ApiResponse<List<RecordedEvent>> events(
            @PathVariable("id") String id,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "per_page", defaultValue = "50") int perPage) {
        PageRequest pageRequest = new PageRequest(page, perPage);
        String streamId = StreamIds.timeDeal(QueryParameters.dealId(id));
        long total = eventStore.lastSequenceNumberFor(streamId)
                .map(lastSequence -> lastSequence + 1)
                .orElseThrow(() -> DomainException.notFound("Time deal"));
        List<RecordedEvent> events = eventStore.readEvents(streamId, pageRequest.offset())
                .asStream()
                .limit(pageRequest.perPage())
                .<RecordedEvent>map(converter::toRecordedEvent)
                .toList();
        return ApiResponse.page(events, PageMeta.of(pageRequest, total));
    }
}
