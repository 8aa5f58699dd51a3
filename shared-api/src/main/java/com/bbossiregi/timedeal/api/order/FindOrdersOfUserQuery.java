package com.bbossiregi.timedeal.api.order;

import com.bbossiregi.timedeal.api.common.PageRequest;

/** The user's orders, newest first. */
public record FindOrdersOfUserQuery(long userId, PageRequest page) {
}
