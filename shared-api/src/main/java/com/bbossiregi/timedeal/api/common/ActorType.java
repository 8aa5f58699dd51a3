package com.bbossiregi.timedeal.api.common;

/** Who caused a change: a shopper, an administrator, or the system itself (deadlines, compensation). */
public enum ActorType {
    USER,
    ADMIN,
    SYSTEM
}
