package com.bbossiregi.timedeal.command.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.common.PageMeta;
import com.bbossiregi.timedeal.api.common.PageRequest;
import com.bbossiregi.timedeal.platform.security.AccountStatuses;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import java.util.List;
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
    public ApiResponse<UserAccount> change(@PathVariable long userId, @Valid @RequestBody AccountChange change,
                                           AuthenticatedUser caller) {
        if (userId == caller.userId()) {
            // Locking oneself out could leave the shop without an active admin.
            throw new DomainException(ErrorCode.FORBIDDEN, "Admins cannot change their own account");
        }
        UserAccount changed = accounts.change(userId, change.status(), change.role())
                .orElseThrow(() -> DomainException.notFound("User " + userId));
        statuses.forget(userId);
        return ApiResponse.of(changed);
    }

    /**
     * {@code {"status":"banned"}}, {@code {"role":"admin"}} or both; what is left out stays as it is. Naming neither is
     * a VALIDATION_ERROR on {@code status_or_role}.
     */
    @NamesStatusOrRole
    public record AccountChange(
            @Pattern(regexp = "active|inactive|banned", message = "must be active, inactive or banned") String status,
            @Pattern(regexp = AuthenticatedUser.USER + "|" + AuthenticatedUser.ADMIN, message = "must be user or admin")
            String role) {
    }
}
