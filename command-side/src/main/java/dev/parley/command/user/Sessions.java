package dev.parley.command.user;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.UserId;
import dev.parley.platform.security.AuthProperties;
import dev.parley.platform.security.ParleySecurityAutoConfiguration;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/** Signs a user in: checks the password, issues a token carrying the user id and roles. */
@Service
public class Sessions {

    /** The same answer whether the username or the password was wrong: nothing to learn from it. */
    static final class BadCredentials extends ChatException {
        BadCredentials() {
            super(ErrorCode.UNAUTHORIZED, "unknown username or wrong password");
        }
    }

    public record Session(String token, UserId userId, Instant expiresAt) {
    }

    /** Checked against when the username is unknown, so that both failures take as long. */
    private final String decoyHash;
    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final JwtEncoder tokens;
    private final AuthProperties properties;
    private final SignInThrottle throttle;
    private final HashingPermits hashing;
    private final Clock clock;

    Sessions(UserAccounts accounts, PasswordEncoder passwords, JwtEncoder tokens, AuthProperties properties,
             SignInThrottle throttle, HashingPermits hashing, Clock clock) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.hashing = hashing;
        this.passwords = passwords;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
        this.decoyHash = passwords.encode("decoy password for unknown usernames");
    }

    /** Signs in from {@code address} (the client's, as the trusted proxy reports it), which the throttle counts by. */
    public Session signIn(String username, String password, String address) {
        if (username == null || password == null) {
            throw new BadCredentials();
        }
        throttle.requireAllowed(username, address);
        Optional<UserAccounts.Account> account = accounts.findByUsername(username);
        // A known name and an unknown one cost the same: one hash under one permit.
        boolean matches = hashing.hash(() -> passwords.matches(password,
                account.map(UserAccounts.Account::passwordHash).orElse(decoyHash)));
        if (account.isEmpty() || !matches) {
            throttle.failed(username, address);
            throw new BadCredentials();
        }
        throttle.succeeded(username, address);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenTtl());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(account.get().userId().value())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("username", account.get().username())
                .claim(ParleySecurityAutoConfiguration.ROLES_CLAIM, account.get().roles())
                .build();
        String token = tokens.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new Session(token, account.get().userId(), expiresAt);
    }
}
