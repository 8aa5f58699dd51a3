package com.bbossiregi.timedeal.command.auth;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The first admin of a database, created (or promoted) at start-up while the database has no active admin
 * ({@code timedeal.bootstrap-admin.*}, env {@code TIMEDEAL_BOOTSTRAP_ADMIN_EMAIL} and {@code _PASSWORD}).
 *
 * @param email    the admin's e-mail; unset: nothing is bootstrapped
 * @param password the password of an account created this way (8 to 100 characters); an existing account that is
 *                 promoted keeps its own
 * @param name     the name of an account created this way
 */
@Validated
@ConfigurationProperties("timedeal.bootstrap-admin")
public record BootstrapAdminSettings(@Email String email, @Size(min = 8, max = 100) String password,
                                     @DefaultValue("Administrator") @NotBlank String name) {
}
