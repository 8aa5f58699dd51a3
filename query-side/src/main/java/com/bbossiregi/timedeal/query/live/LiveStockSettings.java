package com.bbossiregi.timedeal.query.live;

import java.time.Duration;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The live-stock streams ({@code GET /api/v1/timedeals/live}, {@code /timedeals/{id}/live}) of this node.
 *
 * @param heartbeat      how often an idle stream gets a comment line, so proxies keep it open and a gone client is
 *                       noticed
 * @param maxSubscribers streams this node serves at once; one more is answered 503 SERVICE_UNAVAILABLE
 * @param maxSubscribersPerAddress streams one client address holds on this node at once, so that one client cannot
 *                       take the node's places; one more is answered 429 RATE_LIMITED. Raise it when many shoppers
 *                       share an address (a company proxy, carrier-grade NAT)
 * @param subscriberQueue changes that may wait to be written to one client; beyond it they are cut down to the latest
 *                       state of each deal (the client skips intermediate states, which Last-Event-ID can replay)
 * @param writerThreads  threads that write to clients, so the event store reader never waits on a socket
 * @param replayLimit    at most this many changes of a deal are replayed to a reconnecting client; further behind,
 *                       it gets the current state instead
 * @param writeInterval  the least time between two writes to one client: changes that come sooner wait and go out
 *                       together in its next write, so a node with many clients on a busy deal writes each of them
 *                       a few times a second rather than once per change; 0 writes every change at once
 * @param writesPerSecond the writes a second this node spends on its live streams at most, whatever the number of
 *                       clients: beyond {@code writesPerSecond * writeInterval} open streams, each client's writes are
 *                       spread further apart than {@code writeInterval} ({@link #writeIntervalNanos}). Every write is a
 *                       flush and a system call on the cores that also place the orders
 */
@Validated
@ConfigurationProperties("timedeal.live")
public record LiveStockSettings(
        @DefaultValue("15s") @DurationMin(millis = 1) Duration heartbeat,
        @DefaultValue("2000") @Positive int maxSubscribers,
        @DefaultValue("100") @Positive int maxSubscribersPerAddress,
        @DefaultValue("4") @Positive int subscriberQueue,
        @DefaultValue("4") @Positive int writerThreads,
        @DefaultValue("1000") @PositiveOrZero int replayLimit,
        @DefaultValue("100ms") @DurationMin(millis = 0) Duration writeInterval,
        @DefaultValue("5000") @Positive int writesPerSecond) {

    /** The least time between two writes to one client while {@code openStreams} streams are open on this node. */
    long writeIntervalNanos(int openStreams) {
        return Math.max(writeInterval.toNanos(), openStreams * 1_000_000_000L / writesPerSecond);
    }
}
