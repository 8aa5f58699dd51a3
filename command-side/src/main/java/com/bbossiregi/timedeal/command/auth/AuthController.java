package com.bbossiregi.timedeal.command.auth;

import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import com.bbossiregi.timedeal.platform.web.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
public class AuthController {

    private final AccountService accounts;

    public AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    public ApiResponse<UserAccount> register(@RequestBody @Valid AccountService.RegisterRequest request) {
        return ApiResponse.of(accounts.register(request, AuthenticatedUser.USER));
    }

    @PostMapping("/login")
    public ApiResponse<AccountService.LoginResponse> login(@RequestBody @Valid AccountService.LoginRequest request) {
        return ApiResponse.of(accounts.login(request));
    }
}
