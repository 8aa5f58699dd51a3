package com.bbossiregi.timedeal.platform.security;

import com.bbossiregi.timedeal.api.common.Actor;

/** The caller behind a verified bearer token. */
public record AuthenticatedUser(long userId, String role) {

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    public Actor actor() {
        return isAdmin() ? Actor.admin(userId) : Actor.user(userId);
    }
}
