package com.bbossiregi.timedeal.command.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Payments ({@code timedeal.payment.*}).
 *
 * @param provider  the payment adapter; {@code simulated} is the only one built in
 * @param timeout   how long the provider may take; longer counts as a failed payment
 * @param simulator the simulated provider
 */
@Validated
@ConfigurationProperties("timedeal.payment")
public record PaymentSettings(
        @DefaultValue("simulated") @NotBlank String provider,
        @DefaultValue("5s") @DurationMin(millis = 1) Duration timeout,
        @DefaultValue @Valid Simulator simulator) {

    /**
     * @param latency     the simulator's answer time
     * @param failureRate share of charges the simulator declines at random (0 to 1)
     */
    public record Simulator(
            @DefaultValue("50ms") @DurationMin(millis = 0) Duration latency,
            @DefaultValue("0.0") @DecimalMin("0.0") @DecimalMax("1.0") double failureRate) {
    }
}
