package com.bbossiregi.timedeal.command.auth;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.command.support.FieldErrors;
import com.bbossiregi.timedeal.platform.ratelimit.RateLimitSettings;
import com.bbossiregi.timedeal.platform.ratelimit.RateLimiter;
import com.bbossiregi.timedeal.platform.security.JwtSettings;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;
import org.springframework.util.function.SingletonSupplier;

/** Registration and log-in: the contract's account rules, bcrypt hashes and signed bearer tokens. */
@Service
public class AccountService {

    /** The contract's account rules, declared on the request records below. */
    static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    static final String PHONE = "01[0-9]-?[0-9]{3,4}-?[0-9]{4}";

    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final JwtEncoder tokens;
    private final JwtSettings jwt;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final RateLimitSettings rateLimits;
    /**
     * Compared against when the e-mail is unknown, so a miss takes as long as a wrong password; hashed at the first
     * such miss rather than in the constructor, where the hash cost a few tenths of a second of every start.
     */
    private final SingletonSupplier<String> unknownUserHash;

    public AccountService(UserAccounts accounts, PasswordEncoder passwords, JwtEncoder tokens, JwtSettings jwt,
                          Clock clock, RateLimiter rateLimiter, RateLimitSettings rateLimits) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.jwt = jwt;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
        this.rateLimits = rateLimits;
        this.unknownUserHash = SingletonSupplier.of(() -> passwords.encode("no-such-user-password"));
    }

    /** The request was validated at the edge ({@code @Valid}); the account's uniqueness is the store's. */
    public UserAccount register(RegisterRequest request, String role) {
        return accounts.create(request.email(), passwords.encode(request.password()), request.name(), request.phone(), role);
    }

    public LoginResponse login(LoginRequest request) {
        if (request.email() == null || request.password() == null) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "Email or password is incorrect");
        }
        // Password guessing on one account from many addresses: failed attempts per e-mail, checked before the costly
        // hash comparison; a successful log-in gives its attempt back.
        String attempts = request.email().trim().toLowerCase(Locale.ROOT);
        rateLimiter.check("login:account", attempts, rateLimits.loginPerAccount());
        Optional<UserAccount> account = accounts.findByEmail(request.email());
        boolean matches = passwords.matches(request.password(), account.map(UserAccount::passwordHash).orElseGet(unknownUserHash));
        if (account.isEmpty() || !matches || !"active".equals(account.get().status())) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "Email or password is incorrect");
        }
        rateLimiter.refund("login:account", attempts, rateLimits.loginPerAccount());
        UserAccount user = account.get();
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(Long.toString(user.id()))
                .claim("role", user.role())
                .claim("email", user.email())
                .issuedAt(now)
                .expiresAt(now.plus(jwt.lifetime()))
                .build();
        String token = tokens.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new LoginResponse(token, "Bearer", jwt.lifetime().toSeconds(), user);
    }

    public record RegisterRequest(
            @NotNull @Size(max = 255) @Pattern(regexp = EMAIL, message = "must be a valid email address") String email,
            @NotNull @Size(min = 8, max = 100) String password,
            @NotBlank @Size(min = 2, max = 100) String name,
            @Pattern(regexp = PHONE, message = "must look like 010-1234-5678") String phone) {
    }

    /**
     * Only lengths no account can exceed are checked here; a missing or wrong email or password is INVALID_CREDENTIALS,
     * as the contract says.
     */
    public record LoginRequest(@Size(max = 255) String email, @Size(max = 100) String password) {
    }

    public record LoginResponse(String accessToken, String tokenType, long expiresIn, UserAccount user) {
    }
}
