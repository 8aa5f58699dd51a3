package com.bbossiregi.timedeal.command.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin of a database, created (or promoted) at start-up while the database has no active admin
 * ({@code timedeal.bootstrap-admin.*}, env {@code TIMEDEAL_BOOTSTRAP_ADMIN_EMAIL} and {@code _PASSWORD}).
 *
 * @param email    the admin's e-mail; unset: nothing is bootstrapped
 * @param password the password of an account created this way (8 to 100 characters); an existing account that is
 *                 promoted keeps its own
 * @param name     the name of an account created this way
 */
@ConfigurationProperties("timedeal.bootstrap-admin")
public record BootstrapAdminSettings(String email, String password, @DefaultValue("Administrator") String name) {
}
