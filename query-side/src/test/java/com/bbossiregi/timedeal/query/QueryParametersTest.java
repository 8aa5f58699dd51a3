package com.bbossiregi.timedeal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParametersTest {

    @Test
    void statusIsReadInAnyCase() {
        assertThat(QueryParameters.dealStatus("active")).isEqualTo(TimeDealStatus.ACTIVE);
        assertThat(QueryParameters.dealStatus("SoldOut")).isEqualTo(TimeDealStatus.SOLDOUT);
        assertThat(QueryParameters.dealStatus(" scheduled ")).isEqualTo(TimeDealStatus.SCHEDULED);
    }

    @Test
    void noStatusMeansEveryStatus() {
        assertThat(QueryParameters.dealStatus(null)).isNull();
        assertThat(QueryParameters.dealStatus("")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "sold_out", "1"})
    void anUnknownStatusIsABadRequest(String status) {
        assertThatThrownBy(() -> QueryParameters.dealStatus(status))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("status", status, "scheduled, active, soldout, ended, canceled");
                });
    }

    @Test
    void aDealIdIsAPositiveInteger() {
        assertThat(QueryParameters.dealId("1")).isEqualTo(1L);
        assertThat(QueryParameters.dealId("9007199254740993")).isEqualTo(9007199254740993L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-3", "1.5", "", "99999999999999999999", "\uff11", "0x1", "+1", " 1", "1\u0000"})
    void anythingElseIsAMalformedDealId(String id) {
        assertThatThrownBy(() -> QueryParameters.dealId(id))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }
}
