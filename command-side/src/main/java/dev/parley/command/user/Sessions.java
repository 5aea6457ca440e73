package dev.parley.command.user;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Signs a user in: checks the password, then starts a session ({@link SessionTokens}). */
@Service
public class Sessions {

    /** The same answer whether the username or the password was wrong: nothing to learn from it. */
    static final class BadCredentials extends ChatException {
        BadCredentials() {
            super(ErrorCode.UNAUTHORIZED, "unknown username or wrong password");
        }
    }

    /** Checked against when the username is unknown, so that both failures take as long. */
    private final String decoyHash;
    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final SessionTokens tokens;
    private final SignInThrottle throttle;
    private final HashingPermits hashing;

    Sessions(UserAccounts accounts, PasswordEncoder passwords, SessionTokens tokens, SignInThrottle throttle,
             HashingPermits hashing) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.hashing = hashing;
        this.passwords = passwords;
        this.tokens = tokens;
        this.decoyHash = passwords.encode("decoy password for unknown usernames");
    }

    /** Signs in from {@code address} (the client's, as the trusted proxy reports it), which the throttle counts by. */
    public SessionTokens.Session signIn(String username, String password, String address) {
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
        return tokens.start(account.get());
    }
}
