package com.bbossiregi.timedeal.query.live;

/**
 * One thing to write to a live stream: a deal's state as an event (rendered once as server-sent-event text, shared by
 * every subscriber), a heartbeat comment, or the end of the stream.
 *
 * @param timeDealId the deal whose state an event carries; null for a heartbeat or the end
 * @param text       the frame as it goes on the wire ({@code id:}, {@code event:}, {@code data:} lines and the blank
 *                   line that ends an event; a comment line for a heartbeat); null for the end
 */
record LiveFrame(Kind kind, Long timeDealId, String id, String name, String text) {

    enum Kind { EVENT, HEARTBEAT, END }

    static final LiveFrame HEARTBEAT_FRAME = new LiveFrame(Kind.HEARTBEAT, null, null, null, ":heartbeat\n\n");
    static final LiveFrame END_FRAME = new LiveFrame(Kind.END, null, null, null, null);

    /** @param json one line of JSON (the mapper writes no line breaks), so one {@code data:} line holds it */
    static LiveFrame event(long timeDealId, String id, String name, String json) {
        return new LiveFrame(Kind.EVENT, timeDealId, id, name,
                "id:" + id + "\nevent:" + name + "\ndata:" + json + "\n\n");
    }
}
