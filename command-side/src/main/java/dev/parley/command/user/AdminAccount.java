package dev.parley.command.user;

import dev.parley.kernel.user.UserRules;
import dev.parley.kernel.user.UsernameTaken;
import dev.parley.platform.security.AuthProperties;
import java.util.List;
import java.util.Optional;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes sure of the configured admin account at start, before the node takes any request: creates it if
 * the username is free; sets its password to the configured one if that changed (the configuration is
 * the password's source of truth, and a change signs the admin out everywhere); and fails the start if the
 * username belongs to an account without the admin role, which would otherwise leave no admin at all.
 */
@Component
class AdminAccount implements SmartLifecycle {

    /**
     * After Axon has started (registration sends a command to the {@code User} aggregate) and before the
     * web server does, which Spring Boot starts at {@code Integer.MAX_VALUE - 2048}.
     */
    static final int PHASE = SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
    static final String ADMIN_ROLE = "admin";

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final AuthProperties properties;
    private final UserAccounts accounts;
    private final Registration registration;
    private final PasswordEncoder passwords;
    private final SignOut signOut;
    private volatile boolean running;

    AdminAccount(AuthProperties properties, UserAccounts accounts, Registration registration, PasswordEncoder passwords,
                 SignOut signOut) {
        this.properties = properties;
        this.accounts = accounts;
        this.registration = registration;
        this.passwords = passwords;
        this.signOut = signOut;
    }

    @Override
    public void start() {
        running = true;
        AuthProperties.Admin admin = properties.admin();
        if (admin.username() == null || admin.password() == null) {
            return;
        }
        Optional<UserAccounts.Account> existing = accounts.findByUsername(admin.username());
        if (existing.isEmpty()) {
            try {
                registration.register(admin.username(), admin.password(), "Administrator", List.of("user", ADMIN_ROLE));
                log.info("created the admin account {}", admin.username());
                return;
            } catch (UsernameTaken raced) {
                // another instance, or a user, took it at the same moment: check what it is below
                existing = accounts.findByUsername(admin.username());
            }
        }
        UserAccounts.Account account = existing.orElseThrow();
        if (!account.roles().contains(ADMIN_ROLE)) {
            throw new IllegalStateException("parley.auth.admin.username is " + admin.username()
                    + ", which belongs to an account without the admin role (user " + account.userId()
                    + "): configure another username for the admin, or remove that account first");
        }
        if (!passwords.matches(admin.password(), account.passwordHash())) {
            accounts.changePasswordHash(account.userId(), passwords.encode(UserRules.password(admin.password())));
            signOut.everySession(account.userId(), null);
            log.info("the admin account {} has a new password from the configuration; its sessions were signed out",
                    admin.username());
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
