package dev.parley.command.user;

import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.user.UserRules;
import dev.parley.platform.ratelimit.LimitedRoute;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/users} (registration) and {@code POST /api/sessions} (sign-in): the public routes. */
@RestController
class AccountsController {

    record RegistrationRequest(String username, String password, String displayName) {
    }

    /**
     * Checked as it is read, before anything else: a username longer than any registration allows, or a
     * password longer than any, cannot sign in, so it is refused without being hashed, looked up, or
     * becoming a key of the sign-in throttle (a name of megabytes kept for minutes would be memory an
     * anonymous caller fills at will).
     */
    record SignInRequest(String username, String password) {
        SignInRequest {
            if (username == null || password == null) {
                throw new InvalidInput("username and password are required");
            }
            if (username.length() > UserRules.MAX_USERNAME_CHARS) {
                throw new InvalidInput("username may be at most " + UserRules.MAX_USERNAME_CHARS + " characters");
            }
            if (password.length() > UserRules.MAX_PASSWORD_CHARS) {
                throw new InvalidInput("password may be at most " + UserRules.MAX_PASSWORD_CHARS + " characters");
            }
        }
    }

    private final Registration registration;
    private final Sessions sessions;

    AccountsController(Registration registration, Sessions sessions) {
        this.registration = registration;
        this.sessions = sessions;
    }

    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    @LimitedRoute(value = "registrations", per = LimitedRoute.Per.ADDRESS)
    Registration.Registered register(@RequestBody RegistrationRequest request) {
        return registration.register(request.username(), request.password(), request.displayName(), List.of("user"));
    }

    @PostMapping("/api/sessions")
    @LimitedRoute(value = "sign-ins", per = LimitedRoute.Per.ADDRESS)
    SessionTokens.Session signIn(@RequestBody SignInRequest request, HttpServletRequest http) {
        // The peer's address, or the trusted proxy's X-Forwarded-For when server.tomcat.remoteip.* names it.
        return sessions.signIn(request.username(), request.password(), http.getRemoteAddr());
    }
}
