package com.bbossiregi.timedeal.command.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** An account as the API shows it; the hash never leaves the command side. */
public record UserAccount(long id, String email, String name, String role, String status, Instant createdAt,
                          @JsonIgnore String passwordHash) {
}
