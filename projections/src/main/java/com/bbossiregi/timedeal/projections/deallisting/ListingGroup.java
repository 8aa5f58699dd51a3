package com.bbossiregi.timedeal.projections.deallisting;

import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;

/**
 * Where a deal sits in the unfiltered listing: what a shopper can buy now comes first, then what is coming,
 * then everything that is over or out of stock. Deals of one group are ordered by start, then id.
 * The group is stored next to the status so the listing can be read in index order.
 */
public final class ListingGroup {

    public static final int ACTIVE = 0;
    public static final int SCHEDULED = 1;
    public static final int OTHERS = 2;

    private ListingGroup() {
    }

    public static int of(TimeDealStatus status) {
        return switch (status) {
            case ACTIVE -> ACTIVE;
            case SCHEDULED -> SCHEDULED;
            case SOLDOUT, ENDED, CANCELED -> OTHERS;
        };
    }
}
