package com.bbossiregi.timedeal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The real application, as an operator starts it, refuses a bad setting at start-up and its failure report names it
 * (SettingsValidationTest has a case for each area).
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsIT {

    private final TestDatabase.Settings database = TestDatabase.create("timedeal_settings");

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "timedeal.processors.saga-batch-size, 0, timedeal.processors.sagaBatchSize",
            "timedeal.payment.simulator.failure-rate, 2, timedeal.payment.simulator.failureRate",
            "timedeal.orders.reservation-hold, -1s, timedeal.orders.reservationHold"})
    void aBadSettingRefusesToStartNamingIt(String name, String value, String reported, CapturedOutput output) {
        assertThatThrownBy(() -> StandaloneApplication.start(database, "--" + name + "=" + value).close())
                .hasStackTraceContaining("BindException");
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("Property: " + reported);
    }
}
