package com.bbossiregi.timedeal.api.common;

import java.util.Map;

/**
 * The actor travels as message metadata under {@link #ID_KEY} and {@link #TYPE_KEY}, so every event
 * appended on behalf of a command keeps who asked for it.
 */
public record Actor(String actorId, ActorType actorType) {

    public static final String ID_KEY = "actorId";
    public static final String TYPE_KEY = "actorType";
    public static final Actor SYSTEM = new Actor("system", ActorType.SYSTEM);

    public static Actor user(long userId) {
        return new Actor(Long.toString(userId), ActorType.USER);
    }

    public static Actor admin(long userId) {
        return new Actor(Long.toString(userId), ActorType.ADMIN);
    }

    public Map<String, String> toMetaData() {
        return Map.of(ID_KEY, actorId, TYPE_KEY, actorType.name());
    }

    /** Reads an actor back from metadata; messages without one were sent by the system. */
    public static Actor fromMetaData(Map<String, ?> metaData) {
        Object id = metaData.get(ID_KEY);
        Object type = metaData.get(TYPE_KEY);
        if (id == null || type == null) {
            return SYSTEM;
        }
        return new Actor(id.toString(), ActorType.valueOf(type.toString()));
    }
}
