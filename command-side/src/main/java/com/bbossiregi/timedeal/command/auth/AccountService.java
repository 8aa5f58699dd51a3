package com.bbossiregi.timedeal.command.auth;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.command.support.FieldErrors;
import com.bbossiregi.timedeal.platform.ratelimit.RateLimitSettings;
import com.bbossiregi.timedeal.platform.ratelimit.RateLimiter;
import com.bbossiregi.timedeal.platform.security.JwtSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/** Registration and log-in: the contract's account rules, bcrypt hashes and signed bearer tokens. */
@Service
public class AccountService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^01[0-9]-?[0-9]{3,4}-?[0-9]{4}$");

    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final JwtEncoder tokens;
    private final JwtSettings jwt;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final RateLimitSettings rateLimits;
    /** Compared against when the e-mail is unknown, so a miss takes as long as a wrong password. */
    private final String unknownUserHash;

    public AccountService(UserAccounts accounts, PasswordEncoder passwords, JwtEncoder tokens, JwtSettings jwt,
                          Clock clock, RateLimiter rateLimiter, RateLimitSettings rateLimits) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.jwt = jwt;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
        this.rateLimits = rateLimits;
        this.unknownUserHash = passwords.encode("no-such-user-password");
    }

    public UserAccount register(RegisterRequest request, String role) {
        new FieldErrors()
                .check(request.email() != null && request.email().trim().length() <= 255
                        && EMAIL.matcher(request.email().trim()).matches(), "email", "must be a valid email address of at most 255 characters")
                .check(request.password() != null && request.password().length() >= 8 && request.password().length() <= 100,
                        "password", "must be 8 to 100 characters")
                .check(request.name() != null && request.name().trim().length() >= 2 && request.name().trim().length() <= 100,
                        "name", "must be 2 to 100 characters")
                .check(request.phone() == null || PHONE.matcher(request.phone()).matches(),
                        "phone", "must look like 010-1234-5678")
                .throwIfAny();
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
        boolean matches = passwords.matches(request.password(), account.map(UserAccount::passwordHash).orElse(unknownUserHash));
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

    public record RegisterRequest(String email, String password, String name, String phone) {
    }

    public record LoginRequest(String email, String password) {
    }

    public record LoginResponse(String accessToken, String tokenType, long expiresIn, UserAccount user) {
    }
}
