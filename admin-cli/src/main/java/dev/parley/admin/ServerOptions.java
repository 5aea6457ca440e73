package dev.parley.admin;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options every command takes: where Parley is and how to sign in. Secrets may come from the
 * environment instead ({@code PARLEY_TOKEN}, {@code PARLEY_PASSWORD}), so that they need not show in
 * the process list; the environment is handed in rather than read here, so that tests choose it.
 */
final class ServerOptions {

    static final String DEFAULT_URL = "http://localhost:8080";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--url", paramLabel = "URL", defaultValue = DEFAULT_URL, converter = HttpUrl.class,
            description = "Parley's address (default ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "an admin's token (or set PARLEY_TOKEN)")
    String token;

    @Option(names = "--username", paramLabel = "NAME", description = "or sign in as this admin (POST /api/sessions)")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "with this password (or set PARLEY_PASSWORD)")
    String password;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    /** Checks the sign-in options, then signs in if a username was given; nothing is sent before the checks pass. */
    AdminApi signIn(Map<String, String> environment) throws IOException, InterruptedException {
        String bearer = token != null ? token : environment.get("PARLEY_TOKEN");
        String secret = password != null ? password : environment.get("PARLEY_PASSWORD");
        if (bearer != null && username != null) {
            throw usageError("give either a token or a username, not both");
        }
        if (bearer == null && username == null) {
            throw usageError("sign in with --token (or PARLEY_TOKEN), or --username and --password (or PARLEY_PASSWORD)");
        }
        if (username != null && secret == null) {
            throw usageError("--username needs --password (or PARLEY_PASSWORD)");
        }
        AdminApi api = new AdminApi(url, bearer);
        if (bearer == null) {
            api.signIn(username, secret);
        }
        return api;
    }

    /** A wrong command line found after parsing: shown like picocli's own errors, with exit status 2. */
    ParameterException usageError(String message) {
        return new ParameterException(command.commandLine(), message);
    }

    /** An http(s) address without a trailing slash, since the routes are resolved against it. */
    static final class HttpUrl implements ITypeConverter<URI> {

        @Override
        public URI convert(String value) {
            try {
                URI url = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
                if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                return url;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not an http(s) address, e.g. " + DEFAULT_URL);
            }
        }
    }
}
