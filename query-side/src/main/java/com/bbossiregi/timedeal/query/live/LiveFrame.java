package com.bbossiregi.timedeal.query.live;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One thing to write to a live stream: an event (rendered once, shared by every subscriber), a heartbeat comment, or
 * the end of the stream.
 */
record LiveFrame(Kind kind, String id, String name, String data) {

    enum Kind { EVENT, HEARTBEAT, END }

    static final LiveFrame HEARTBEAT_FRAME = new LiveFrame(Kind.HEARTBEAT, null, null, null);
    static final LiveFrame END_FRAME = new LiveFrame(Kind.END, null, null, null);

    static LiveFrame event(String id, String name, String json) {
        return new LiveFrame(Kind.EVENT, id, name, json);
    }

    /** A builder is filled as it is written, so each subscriber gets its own. */
    SseEmitter.SseEventBuilder toSse() {
        if (kind == Kind.HEARTBEAT) {
            return SseEmitter.event().comment("heartbeat");
        }
        return SseEmitter.event().id(id).name(name).data(data);
    }
}
