package com.bbossiregi.timedeal.query;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.timedeal.FindTimeDealQuery;
import com.bbossiregi.timedeal.api.timedeal.FindTimeDealsQuery;
import com.bbossiregi.timedeal.api.timedeal.TimeDealDetail;
import com.bbossiregi.timedeal.api.timedeal.TimeDealPage;
import com.bbossiregi.timedeal.projections.deallisting.DealListingRepository;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers deal queries from the deal listing; also the initial result of a subscription to one deal. */
@Component
public class TimeDealQueryHandler {

    private final DealListingRepository deals;

    public TimeDealQueryHandler(DealListingRepository deals) {
        this.deals = deals;
    }

    @QueryHandler
    public TimeDealPage handle(FindTimeDealsQuery query) {
        return deals.findPage(query.status(), query.page());
    }

    @QueryHandler
    public TimeDealDetail handle(FindTimeDealQuery query) {
        return deals.findDetail(query.timeDealId())
                .orElseThrow(() -> DomainException.notFound("Time deal " + query.timeDealId()));
    }
}
