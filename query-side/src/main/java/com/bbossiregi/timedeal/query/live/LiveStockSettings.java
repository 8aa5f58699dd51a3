package com.bbossiregi.timedeal.query.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live-stock streams ({@code GET /api/v1/timedeals/live}, {@code /timedeals/{id}/live}) of this node.
 *
 * @param heartbeat      how often an idle stream gets a comment line, so proxies keep it open and a gone client is
 *                       noticed
 * @param maxSubscribers streams this node serves at once; one more is answered 503 SERVICE_UNAVAILABLE
 * @param subscriberQueue events waiting to be written to one client; a client that falls this far behind is
 *                       disconnected (its browser reconnects with Last-Event-ID and is replayed what it missed)
 * @param writerThreads  threads that write to clients, so the event store reader never waits on a socket
 * @param replayLimit    at most this many changes of a deal are replayed to a reconnecting client; further behind,
 *                       it gets the current state instead
 */
@ConfigurationProperties("timedeal.live")
public record LiveStockSettings(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("2000") int maxSubscribers,
        @DefaultValue("256") int subscriberQueue,
        @DefaultValue("4") int writerThreads,
        @DefaultValue("1000") int replayLimit) {
}
