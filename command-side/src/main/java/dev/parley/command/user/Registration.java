package dev.parley.command.user;

import dev.parley.kernel.UserId;
import dev.parley.kernel.user.RegisterUser;
import dev.parley.kernel.user.UserRules;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers a user: the account row (username claim and password hash) and the {@code UserRegistered}
 * event commit in one PostgreSQL transaction, so neither exists without the other.
 */
@Service
public class Registration {

    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final HashingPermits hashing;

    Registration(UserAccounts accounts, PasswordEncoder passwords, CommandGateway commands, TransactionTemplate transaction,
                 HashingPermits hashing) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.passwords = passwords;
        this.commands = commands;
        this.transaction = transaction;
    }

    public record Registered(UserId userId, String username, String displayName) {
    }

    public Registered register(String username, String password, String displayName, List<String> roles) {
        RegisterUser command = new RegisterUser(UserId.random(), username, displayName);
        // Hashing is slow on purpose: done before the transaction, so no connection waits on it.
        String checked = UserRules.password(password);
        String hash = hashing.hash(() -> passwords.encode(checked));
        transaction.executeWithoutResult(status -> {
            accounts.create(command.userId(), command.username(), hash, roles);
            commands.sendAndWait(command);
        });
        return new Registered(command.userId(), command.username(), command.displayName());
    }
}
