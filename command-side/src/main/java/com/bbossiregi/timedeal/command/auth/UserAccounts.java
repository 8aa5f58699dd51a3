package com.bbossiregi.timedeal.command.auth;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import com.bbossiregi.timedeal.api.common.PageRequest;
import java.util.List;
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

    public Optional<UserAccount> findById(long id) {
        return jdbc.sql("""
                        SELECT id, email, name, role, status, created_at, password_hash
                        FROM user_account WHERE id = :id""")
                .param("id", id)
                .query(UserAccounts::map)
                .optional();
    }

    /** Accounts by id, oldest first. */
    public List<UserAccount> page(PageRequest page) {
        return jdbc.sql("""
                        SELECT id, email, name, role, status, created_at, password_hash
                        FROM user_account ORDER BY id LIMIT :limit OFFSET :offset""")
                .param("limit", page.perPage())
                .param("offset", page.offset())
                .query(UserAccounts::map)
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM user_account").query(Long.class).single();
    }

    /** Sets the status and/or the role (a null leaves it as it is); empty when there is no such account. */
    public Optional<UserAccount> change(long id, String status, String role) {
        return jdbc.sql("""
                        UPDATE user_account SET status = coalesce(:status, status), role = coalesce(:role, role)
                        WHERE id = :id
                        RETURNING id, email, name, role, status, created_at, password_hash""")
                .param("id", id)
                .param("status", status)
                .param("role", role)
                .query(UserAccounts::map)
                .optional();
    }

    public boolean anyActiveAdmin() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_account WHERE role = 'admin' AND status = 'active')")
                .query(Boolean.class).single();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("email"), rs.getString("name"), rs.getString("role"),
                rs.getString("status"), rs.getTimestamp("created_at").toInstant(), rs.getString("password_hash"));
    }
}
