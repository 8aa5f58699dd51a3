package com.bbossiregi.timedeal.command.auth;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserAccounts {

    private final JdbcClient jdbc;

    public UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UserAccount create(String email, String passwordHash, String name, String phone, String role) {
        try {
            return jdbc.sql("""
                            INSERT INTO user_account (email, password_hash, name, phone, role, status)
                            VALUES (:email, :hash, :name, :phone, :role, 'active')
                            RETURNING id, email, name, role, status, created_at, password_hash""")
                    .param("email", email.trim())
                    .param("hash", passwordHash)
                    .param("name", name.trim())
                    .param("phone", phone)
                    .param("role", role)
                    .query(UserAccounts::map)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new DomainException(ErrorCode.DUPLICATE_EMAIL, "An account with this email already exists");
        }
    }

    public Optional<UserAccount> findByEmail(String email) {
        return jdbc.sql("""
                        SELECT id, email, name, role, status, created_at, password_hash
                        FROM user_account WHERE lower(email) = lower(:email)""")
                .param("email", email.trim())
                .query(UserAccounts::map)
                .optional();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("email"), rs.getString("name"), rs.getString("role"),
                rs.getString("status"), rs.getTimestamp("created_at").toInstant(), rs.getString("password_hash"));
    }
}
