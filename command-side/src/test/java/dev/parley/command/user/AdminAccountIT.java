package dev.parley.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.platform.security.AuthProperties;
import dev.parley.platform.security.RevokedSessions;
import dev.parley.platform.security.ParleySecurityAutoConfiguration;
import dev.parley.testing.UsesRealServers;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The admin bootstrap against the real PostgreSQL and Redis: it runs before the web server, refuses a
 * configured name that belongs to a non-admin account, and takes the configured password as the truth.
 */
@SpringBootTest
@UsesRealServers
class AdminAccountIT {

    /** Spring Boot starts the web server in this lifecycle phase (its WebServerStartStopLifecycle). */
    private static final int WEB_SERVER_PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024;

    @Autowired
    AuthProperties properties;
    @Autowired
    UserAccounts accounts;
    @Autowired
    Registration registration;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    SignOut signOut;
    @Autowired
    Sessions sessions;
    @Autowired
    RevokedSessions revoked;
    @Autowired
    JwtDecoder decoder;

    @Test
    void theBootstrapRunsBeforeTheWebServerTakesRequests() {
        assertThat(AdminAccount.PHASE).isLessThan(WEB_SERVER_PHASE);
    }

    @Test
    void aConfiguredAdminNameThatBelongsToAUserFailsTheStart() {
        String username = uniqueName();
        registration.register(username, "someone's password", "Not an admin", List.of("user"));

        assertThatThrownBy(() -> bootstrap(username, "admin password 1").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(username).hasMessageContaining("without the admin role");
        assertThat(accounts.findByUsername(username).orElseThrow().roles()).containsExactly("user");
    }

    @Test
    void aFreeNameBecomesTheAdminAccount() {
        String username = uniqueName();

        bootstrap(username, "admin password 1").start();

        assertThat(accounts.findByUsername(username).orElseThrow().roles()).containsExactlyInAnyOrder("user", "admin");
        assertThat(sessions.signIn(username, "admin password 1", "127.0.0.1").token()).isNotBlank();
    }

    @Test
    void aChangedConfiguredPasswordReplacesTheOldOneAndSignsTheAdminOut() {
        String username = uniqueName();
        bootstrap(username, "admin password 1").start();
        SessionTokens.Session before = sessions.signIn(username, "admin password 1", "127.0.0.1");
        String sessionId = decoder.decode(before.token()).getClaimAsString(ParleySecurityAutoConfiguration.SESSION_CLAIM);

        bootstrap(username, "admin password 2").start();

        assertThat(passwords.matches("admin password 2", accounts.findByUsername(username).orElseThrow().passwordHash())).isTrue();
        assertThat(passwords.matches("admin password 1", accounts.findByUsername(username).orElseThrow().passwordHash())).isFalse();
        assertThat(revoked.isRevoked(before.userId(), sessionId)).isTrue();
    }

    @Test
    void anUnchangedPasswordChangesNothing() {
        String username = uniqueName();
        bootstrap(username, "admin password 1").start();
        String hash = accounts.findByUsername(username).orElseThrow().passwordHash();

        bootstrap(username, "admin password 1").start();

        assertThat(accounts.findByUsername(username).orElseThrow().passwordHash()).isEqualTo(hash);
    }

    private AdminAccount bootstrap(String username, String password) {
        AuthProperties configured = new AuthProperties(properties.jwtSecret(), properties.accessTokenTtl(),
                properties.refreshTokenTtl(), properties.issuer(), new AuthProperties.Admin(username, password),
                properties.signIn());
        return new AdminAccount(configured, accounts, registration, passwords, signOut);
    }

    private static String uniqueName() {
        return "a" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
