package com.bbossiregi.timedeal.query.live;

import com.bbossiregi.timedeal.api.common.PageRequest;
import com.bbossiregi.timedeal.api.timedeal.FindTimeDealsQuery;
import com.bbossiregi.timedeal.api.timedeal.TimeDealPage;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import com.bbossiregi.timedeal.api.timedeal.TimeDealSummary;
import com.bbossiregi.timedeal.query.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live stock as server-sent events, public like the deal list. Errors before a stream starts (a malformed or unknown
 * deal, a full node, an address holding its share of the node) are the usual JSON error envelope. The client address
 * is the request's: behind a trusted proxy, the one it forwards (server.forward-headers-strategy, runbook).
 */
@RestController
@RequestMapping("/api/v1/timedeals")
public class LiveStockController {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final List<TimeDealStatus> LIVE = List.of(
            TimeDealStatus.ACTIVE, TimeDealStatus.SOLDOUT, TimeDealStatus.SCHEDULED);
    private static final int PAGE = 100;

    private final LiveStockFeed feed;
    private final QueryGateway queryGateway;

    public LiveStockController(LiveStockFeed feed, QueryGateway queryGateway) {
        this.feed = feed;
        this.queryGateway = queryGateway;
    }

    /** Every scheduled, active or sold-out deal: their states, then every change; ids are store positions. */
    @GetMapping("/live")
    public SseEmitter allDeals(
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
            HttpServletRequest request, HttpServletResponse response) {
        List<Long> live = liveDealIds();
        LiveStockFeed.Place place = feed.admit(request.getRemoteAddr());
        SseEmitter emitter = stream(response);
        feed.subscribeAll(live, parse(lastEventId), emitter, place);
        return emitter;
    }

    /** One deal: its state, then each change; ids are the deal's event sequence numbers; ends when the deal is over. */
    @GetMapping("/{id}/live")
    public SseEmitter oneDeal(
            @PathVariable("id") String id,
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
            HttpServletRequest request, HttpServletResponse response) {
        long timeDealId = QueryParameters.dealId(id);
        LiveStockFeed.Place place = feed.admit(request.getRemoteAddr());
        SseEmitter emitter = stream(response);
        feed.subscribe(timeDealId, parse(lastEventId), emitter, place);
        return emitter;
    }

    private static SseEmitter stream(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        // Proxies such as nginx would otherwise hold events back in their buffers.
        response.setHeader("X-Accel-Buffering", "no");
        // No timeout: heartbeats find clients that went away, and the node ends its streams when it stops.
        return new SseEmitter(0L);
    }

    private List<Long> liveDealIds() {
        List<Long> ids = new ArrayList<>();
        for (TimeDealStatus status : LIVE) {
            for (int page = 1; ; page++) {
                TimeDealPage result = queryGateway.query(new FindTimeDealsQuery(status, new PageRequest(page, PAGE)),
                        ResponseTypes.instanceOf(TimeDealPage.class)).join();
                result.items().stream().map(TimeDealSummary::id).forEach(ids::add);
                if (result.items().size() < PAGE) {
                    break;
                }
            }
        }
        return ids;
    }

    /** An id this node never gave (garbage, another format) is treated as none: the client gets the current state. */
    private static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
