package com.bbossiregi.timedeal.command.auth;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.common.PageMeta;
import com.bbossiregi.timedeal.api.common.PageRequest;
import com.bbossiregi.timedeal.command.support.FieldErrors;
import com.bbossiregi.timedeal.platform.security.AccountStatuses;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins list accounts and change an account's status or role. A ban or deactivation takes effect on this node at the
 * account's next request and on every other node within {@code timedeal.security.account-status.remember-for}; the
 * account's tokens stop working, and it can no longer log in. Admin only, by the security configuration.
 */
@RestController
@RequestMapping("/api/v1/admin/users")
public class AdminUsersController {

    private static final Set<String> STATUSES = Set.of("active", "inactive", "banned");
    private static final Set<String> ROLES = Set.of(AuthenticatedUser.USER, AuthenticatedUser.ADMIN);

    private final UserAccounts accounts;
    private final AccountStatuses statuses;

    public AdminUsersController(UserAccounts accounts, AccountStatuses statuses) {
        this.accounts = accounts;
        this.statuses = statuses;
    }

    @GetMapping
    public ApiResponse<List<UserAccount>> list(@RequestParam(defaultValue = "1") int page,
                                               @RequestParam(name = "per_page", defaultValue = "20") int perPage) {
        PageRequest request = new PageRequest(page, perPage);
        return ApiResponse.page(accounts.page(request), PageMeta.of(request, accounts.count()));
    }

    @PatchMapping("/{userId}")
    public ApiResponse<UserAccount> change(@PathVariable long userId, @RequestBody AccountChange change,
                                           AuthenticatedUser caller) {
        new FieldErrors()
                .check(change.status() != null || change.role() != null, "status", "or role is required")
                .check(change.status() == null || STATUSES.contains(change.status()), "status",
                        "must be active, inactive or banned")
                .check(change.role() == null || ROLES.contains(change.role()), "role", "must be user or admin")
                .throwIfAny();
        if (userId == caller.userId()) {
            // Locking oneself out could leave the shop without an active admin.
            throw new DomainException(ErrorCode.FORBIDDEN, "Admins cannot change their own account");
        }
        UserAccount changed = accounts.change(userId, change.status(), change.role())
                .orElseThrow(() -> DomainException.notFound("User " + userId));
        statuses.forget(userId);
        return ApiResponse.of(changed);
    }

    /** {@code {"status":"banned"}}, {@code {"role":"admin"}} or both; what is left out stays as it is. */
    public record AccountChange(String status, String role) {
    }
}
