package com.bbossiregi.timedeal.query;

import com.bbossiregi.timedeal.api.common.PageRequest;
import com.bbossiregi.timedeal.api.timedeal.FindTimeDealQuery;
import com.bbossiregi.timedeal.api.timedeal.FindTimeDealsQuery;
import com.bbossiregi.timedeal.api.timedeal.TimeDealDetail;
import com.bbossiregi.timedeal.api.timedeal.TimeDealPage;
import com.bbossiregi.timedeal.api.timedeal.TimeDealSummary;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public deal endpoints; no token needed. */
@RestController
@RequestMapping("/api/v1/timedeals")
public class TimeDealQueryController {

    private final QueryGateway queryGateway;

    public TimeDealQueryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping
    public ApiResponse<List<TimeDealSummary>> list(
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "per_page", defaultValue = "20") int perPage) {
        FindTimeDealsQuery query = new FindTimeDealsQuery(
                QueryParameters.dealStatus(status), new PageRequest(page, perPage));
        TimeDealPage result = queryGateway.query(query, ResponseTypes.instanceOf(TimeDealPage.class)).join();
        return ApiResponse.page(result.items(), result.meta());
    }

    @GetMapping("/{id}")
    public ApiResponse<TimeDealDetail> get(@PathVariable("id") String id) {
        FindTimeDealQuery query = new FindTimeDealQuery(QueryParameters.dealId(id));
        return ApiResponse.of(queryGateway.query(query, ResponseTypes.instanceOf(TimeDealDetail.class)).join());
    }
}
