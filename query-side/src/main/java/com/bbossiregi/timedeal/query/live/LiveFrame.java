package com.bbossiregi.timedeal.query.live;

/**
 * One deal's state as a server-sent event, rendered once and shared by every subscriber.
 *
 * @param timeDealId the deal whose state the event carries
 * @param text       the event as it goes on the wire: its {@code id:}, {@code event:} and {@code data:} lines and the
 *                   blank line that ends it
 */
record LiveFrame(long timeDealId, String text) {

    /** @param json one line of JSON (the mapper writes no line breaks), so one {@code data:} line holds it */
    static LiveFrame event(long timeDealId, String id, String name, String json) {
        return new LiveFrame(timeDealId, "id:" + id + "\nevent:" + name + "\ndata:" + json + "\n\n");
    }
}
