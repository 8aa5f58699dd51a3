package com.bbossiregi.timedeal.query.audit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.order.OrderCanceledEvent;
import com.bbossiregi.timedeal.api.order.OrderReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.StockReservedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCanceledEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventStoreExportRequestTest {

    @Test
    void absentOrBlankParametersTakeTheirDefaults() {
        assertThat(EventStoreExportRequest.parse(null, null, null, null))
                .isEqualTo(new EventStoreExportRequest(1, Long.MAX_VALUE, null, 1000));
        assertThat(EventStoreExportRequest.parse("", " ", "", ""))
                .isEqualTo(new EventStoreExportRequest(1, Long.MAX_VALUE, null, 1000));
    }

    @Test
    void givenParametersAreRead() {
        assertThat(EventStoreExportRequest.parse("5", "9", "CANCELED", "10000"))
                .isEqualTo(new EventStoreExportRequest(5, 9, "CANCELED", 10_000));
        assertThat(EventStoreExportRequest.parse("1", null, null, "1").limit()).isEqualTo(1);
    }

    @Test
    void theTypeIsReadInAnyLetterCase() {
        assertThat(EventStoreExportRequest.parse(null, null, " canceled ", null).type()).isEqualTo("CANCELED");
        assertThat(EventStoreExportRequest.parse(null, null, "Stock_Reserved", null).type()).isEqualTo("STOCK_RESERVED");
    }

    @ParameterizedTest(name = "from={0} to={1} type={2} limit={3}")
    @CsvSource(nullValues = "-", value = {
            "0, -, -, -, from",
            "-5, -, -, -, from",
            "abc, -, -, -, from",
            "1.5, -, -, -, from",
            "10, 10, -, -, to",
            "10, 3, -, -, to",
            "-, x, -, -, to",
            "-, -, NOT_A_TYPE, -, type",
            "-, -, CREATED_AT, -, type",
            "-, -, -, 0, limit",
            "-, -, -, 10001, limit",
            "-, -, -, -1, limit",
            "-, -, -, many, limit",
            "-, -, -, 99999999999999999999, limit"})
    void aWrongParameterIsABadRequestNamingIt(String from, String to, String type, String limit, String named) {
        assertThatThrownBy(() -> EventStoreExportRequest.parse(from, to, type, limit))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.getMessage()).startsWith("Parameter '" + named + "'");
                });
    }

    @Test
    void anUnknownTypeListsTheKnownOnes() {
        assertThatThrownBy(() -> EventStoreExportRequest.parse(null, null, "bogus", null))
                .hasMessageContaining("CANCELED").hasMessageContaining("DEAL_CREATED").hasMessageContaining("'bogus'");
    }

    @Test
    void aTypeKeepsEveryEventOfThatNameWhateverItsStream() {
        EventStoreExportRequest reservations = EventStoreExportRequest.parse(null, null, "stock_reserved", null);

        assertThat(reservations.includes(OrderReservedEvent.class)).isTrue();
        assertThat(reservations.includes(StockReservedEvent.class)).isTrue();
        assertThat(reservations.includes(OrderCanceledEvent.class)).isFalse();
        assertThat(reservations.includes(String.class)).isFalse();
    }

    @Test
    void withoutATypeEveryEventIsKept() {
        EventStoreExportRequest everything = EventStoreExportRequest.parse(null, null, null, null);

        assertThat(everything.includes(TimeDealCanceledEvent.class)).isTrue();
        assertThat(everything.includes(String.class)).isTrue();
    }
}
