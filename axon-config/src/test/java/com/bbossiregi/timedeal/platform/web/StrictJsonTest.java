package com.bbossiregi.timedeal.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** The HTTP mapper reads exact types and storable values only, and says which field is wrong. */
class StrictJsonTest {

    enum Category { FOOD, TOY }

    record Body(Long timeDealId, Integer quantity, String name, Instant startAt, Category category, Boolean flag) {
    }

    private static final ObjectMapper HTTP = httpMapper();

    private static ObjectMapper httpMapper() {
        Jackson2ObjectMapperBuilder builder = new Jackson2ObjectMapperBuilder();
        new JsonConfiguration().contractJsonStyle().customize(builder);
        return builder.build();
    }

    @Test
    void readsAWellFormedBody() throws Exception {
        Body body = HTTP.readValue("""
                {"time_deal_id":1,"quantity":2,"name":"Dog \\ud83d\\udc36 food","start_at":"2026-02-27T14:05:00Z",
                 "category":"FOOD","flag":true}""", Body.class);
        assertThat(body).isEqualTo(new Body(1L, 2, "Dog \ud83d\udc36 food", Instant.parse("2026-02-27T14:05:00Z"),
                Category.FOOD, true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"quantity\":1.5}                          | quantity     | must be a whole number",
            "{\"quantity\":1.0}                          | quantity     | must be a whole number",
            "{\"quantity\":\"1\"}                        | quantity     | must be a whole number",
            "{\"quantity\":\"\"}                         | quantity     | must be a whole number",
            "{\"quantity\":true}                         | quantity     | must be a whole number",
            "{\"time_deal_id\":\"\uff11\"}               | time_deal_id | must be a whole number",
            "{\"time_deal_id\":99999999999999999999}     | time_deal_id | is out of range",
            "{\"quantity\":9999999999}                   | quantity     | is out of range",
            "{\"name\":\"a\\u0000\"}                     | name         | contains a character that cannot be stored (NUL or an unpaired surrogate)",
            "{\"name\":\"a\\ud800\"}                     | name         | contains a character that cannot be stored (NUL or an unpaired surrogate)",
            "{\"name\":\"\\udc00b\"}                     | name         | contains a character that cannot be stored (NUL or an unpaired surrogate)",
            "{\"name\":1}                                | name         | must be a string",
            "{\"name\":false}                            | name         | must be a string",
            "{\"start_at\":1.5e400}                      | start_at     | must be an ISO-8601 instant such as 2026-02-27T14:05:00Z",
            "{\"start_at\":0}                            | start_at     | must be an ISO-8601 instant such as 2026-02-27T14:05:00Z",
            "{\"start_at\":\"+300000-01-01T00:00:00Z\"}  | start_at     | must be an instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z",
            "{\"start_at\":\"-4714-11-24T00:00:00Z\"}    | start_at     | must be an instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z",
            "{\"category\":\"\"}                         | category     | must be one of food, toy",
            "{\"category\":1}                            | category     | must be one of food, toy",
            "{\"flag\":1}                                | flag         | must be true or false",
            "{\"flag\":\"true\"}                         | flag         | must be true or false",
            "{\"unknown\":1}                             | unknown      | is not a known field",
            "{\"quantity\":1,\"quantity\":2}             | quantity     | appears more than once",
    })
    void refusesWithTheFieldNamed(String json, String field, String message) {
        Throwable failure = catchThrowable(() -> HTTP.readValue(json, Body.class));
        assertThat(failure).isNotNull();
        assertThat(JsonProblems.of(failure)).isEqualTo(new JsonProblems.Problem(field, message));
    }

    @Test
    void refusesTrailingContent() {
        assertThat(catchThrowable(() -> HTTP.readValue("{\"quantity\":1} {}", Body.class))).isNotNull();
    }
}
