package com.bbossiregi.timedeal.query.audit.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The whole event store for auditors' own tools (administrators only, by the security configuration for /admin):
 * {@code GET /api/v1/admin/events?from=&to=&type=&limit=} answers {@code application/x-ndjson}, one JSON object
 * per line:
 * <pre>
 * {"global_position":7,"stream_id":"timedeal-1","stream_type":"time_deal","sequence":3,"event_type":"STOCK_RESERVED",
 *  "payload":{"order_id":"...","quantity":2},"actor_id":"2","actor_type":"user","created_at":"2026-02-27T14:05:00Z"}
 * </pre>
 * <ul>
 * <li>{@code from}: first global position, inclusive, default 1; {@code to}: exclusive, default the end of the store.
 * <li>{@code type}: an event name (any letter case) to keep only those; a name an order and a deal share, such as
 * {@code STOCK_RESERVED}, keeps both, told apart by {@code stream_type}.
 * <li>{@code limit}: at most this many lines, 1 to 10000, default 1000.
 * </ul>
 * <b>Reading on:</b> an answer stops at {@code limit} lines; a client continues with {@code from} set to the last
 * line's {@code global_position + 1} (strictly, the highest position received, see below) until an answer has fewer
 * lines than asked for. Positions ascend but skip numbers (a transaction that rolled back used one).
 * <p>
 * A transaction takes its position when it writes and becomes visible when it commits, so near the end of the store
 * an event may appear after one with a higher position. Within one answer it is still sent, with its own position,
 * when it appears; an auditor following the live end of the store should re-read the last few seconds' positions
 * and ignore positions already seen.
 * <p>
 * Parameters are checked before the first line, so a mistake is a 400 in the usual error envelope. Lines are written
 * while the store is read, a batch at a time, so a long range never sits in memory.
 */
@RestController
@RequestMapping("/api/v1/admin/events")
public class EventStoreExportController {

    static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;

    private final EventStoreExport export;
    private final ObjectMapper objectMapper;

    public EventStoreExportController(EventStoreExport export, ObjectMapper objectMapper) {
        this.export = export;
        this.objectMapper = objectMapper;
    }

    /*
     * No 'produces' on the mapping: it would turn a request that accepts only JSON, and every validation error, into
     * a 406 instead of the contract's error envelope.
     */
    @GetMapping
    public ResponseEntity<StreamingResponseBody> export(
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "limit", required = false) String limit) {
        EventStoreExportRequest request = EventStoreExportRequest.parse(from, to, type, limit);
        if (!export.isAvailable()) {
            throw new IllegalStateException("The export reads the JDBC event store, which this process does not use");
        }
        StreamingResponseBody lines = output -> export.export(request, event -> {
            output.write(objectMapper.writeValueAsBytes(event));
            output.write('\n');
        });
        return ResponseEntity.ok().contentType(NDJSON).body(lines);
    }
}
