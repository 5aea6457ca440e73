package dev.parley.command.user;

import dev.parley.kernel.user.UsernameTaken;
import dev.parley.platform.security.AuthProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Creates the configured admin account at start, once: a later start finds the username taken. */
@Component
class AdminAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final AuthProperties properties;
    private final UserAccounts accounts;
    private final Registration registration;

    AdminAccount(AuthProperties properties, UserAccounts accounts, Registration registration) {
        this.properties = properties;
        this.accounts = accounts;
        this.registration = registration;
    }

    @Override
    public void run(ApplicationArguments args) {
        AuthProperties.Admin admin = properties.admin();
        if (admin.username() == null || admin.password() == null || accounts.findByUsername(admin.username()).isPresent()) {
            return;
        }
        try {
            registration.register(admin.username(), admin.password(), "Administrator", List.of("user", "admin"));
            log.info("created the admin account {}", admin.username());
        } catch (UsernameTaken raced) {
            // another instance created it at the same moment
        }
    }
}
