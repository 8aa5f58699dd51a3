package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The guide check itself: it finds every kind of drift, on either side, and names it. */
class ApiGuideTest {

    private static final String GUIDE = """
            | method | path | success | errors |
            |---|---|---|---|
            | GET | `/api/v1/timedeals/{id}` | 200 deal detail | 400 BAD_REQUEST, 404 NOT_FOUND |
            | POST | `/api/v1/orders` `{time_deal_id}` | 201 or 202 order | 401 UNAUTHORIZED, 409 INSUFFICIENT_STOCK |
            | GET | `/api/v1/health` | 200 healthy | 503 with "status":"unhealthy" |

            | code | status | when |
            |---|---|---|
            | `NOT_FOUND` | 404 | not a table of operations |
            """;

    private static final String DOCUMENT = """
            {"openapi":"3.1.0","paths":{
              "/api/v1/timedeals/{timeDealId}":{"get":{"responses":{
                "200":{"description":"OK"},
                "400":{"x-error-codes":["BAD_REQUEST"]},
                "404":{"x-error-codes":["NOT_FOUND"]},
                "500":{"x-error-codes":["INTERNAL_ERROR"]}}}},
              "/api/v1/orders":{"post":{"responses":{
                "201":{},"202":{},
                "401":{"x-error-codes":["UNAUTHORIZED"]},
                "409":{"x-error-codes":["INSUFFICIENT_STOCK"]}}}},
              "/api/v1/health":{"get":{"responses":{"200":{},"503":{}}}}}}
            """;

    @Test
    void aGuideAndADocumentThatSayTheSameAgree() throws Exception {
        assertThat(ApiGuide.differences(ApiGuide.fromGuide(GUIDE), ApiGuide.fromOpenApi(json(DOCUMENT)))).isEmpty();
        assertThat(ApiGuide.fromGuide(GUIDE)).contains("GET /api/v1/timedeals/{} 404 NOT_FOUND",
                "POST /api/v1/orders 202", "GET /api/v1/health 503");
    }

    @Test
    void everyDriftIsListedWithTheSideThatHasIt() throws Exception {
        String driftedGuide = GUIDE
                .replace("| 200 deal detail | 400 BAD_REQUEST, 404 NOT_FOUND |", "| 200 deal detail | 404 NOT_FOUND |")
                .replace("| POST | `/api/v1/orders`", "| PUT | `/api/v1/orders`")
                .replace("| GET | `/api/v1/health`",
                        "| DELETE | `/api/v1/orders/{id}` | 200 canceled | 400 CANNOT_CANCEL |\n| GET | `/api/v1/health`")
                // a row after the operations tables, in another table, is not an operation
                + "| DELETE | `/api/v1/products/{id}` | 200 | |\n";
        String driftedDocument = DOCUMENT.replace("\"409\":{\"x-error-codes\":[\"INSUFFICIENT_STOCK\"]}",
                "\"409\":{\"x-error-codes\":[\"INSUFFICIENT_STOCK\",\"PAYMENT_IN_PROGRESS\"]}");

        assertThat(ApiGuide.differences(ApiGuide.fromGuide(driftedGuide), ApiGuide.fromOpenApi(json(driftedDocument))))
                .containsExactly(
                        "only in docs/api.md:   DELETE /api/v1/orders/{} 200",
                        "only in docs/api.md:   DELETE /api/v1/orders/{} 400 CANNOT_CANCEL",
                        "only in docs/api.md:   PUT /api/v1/orders 201",
                        "only in docs/api.md:   PUT /api/v1/orders 202",
                        "only in docs/api.md:   PUT /api/v1/orders 401 UNAUTHORIZED",
                        "only in docs/api.md:   PUT /api/v1/orders 409 INSUFFICIENT_STOCK",
                        "only in /v3/api-docs:  GET /api/v1/timedeals/{} 400 BAD_REQUEST",
                        "only in /v3/api-docs:  POST /api/v1/orders 201",
                        "only in /v3/api-docs:  POST /api/v1/orders 202",
                        "only in /v3/api-docs:  POST /api/v1/orders 401 UNAUTHORIZED",
                        "only in /v3/api-docs:  POST /api/v1/orders 409 INSUFFICIENT_STOCK",
                        "only in /v3/api-docs:  POST /api/v1/orders 409 PAYMENT_IN_PROGRESS");
    }

    @Test
    void aStatusChangedOnOneSideIsADifference() throws Exception {
        Set<String> guide = ApiGuide.fromGuide(GUIDE.replace("| 201 or 202 order |", "| 201 order |"));
        assertThat(ApiGuide.differences(guide, ApiGuide.fromOpenApi(json(DOCUMENT))))
                .containsExactly("only in /v3/api-docs:  POST /api/v1/orders 202");
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
