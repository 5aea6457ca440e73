package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and its env file: every service is given the secrets it cannot start without, each
 * from a variable that has no default (Compose refuses to start while one is missing), and the example
 * env file that documents them commits no secret.
 */
class ComposeSecretsTest {

    static final String ENV_EXAMPLE = ".env.example";

    /** {@code ${NAME:?message}}: Compose stops with the message when NAME is unset or empty. */
    private static final Pattern REQUIRED = Pattern.compile("^\\$\\{(\\w+):\\?[^}]*}$");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|SECRET_KEY|TOKEN).*");

    /** What each Parley service cannot start (or reach its servers) without. */
    private static final Map<String, List<String>> SECRETS_BY_MODULE = Map.of(
            "command-side", List.of("PARLEY_AUTH_JWT_SECRET", "PARLEY_AUTH_ADMIN_PASSWORD", "SPRING_DATASOURCE_PASSWORD",
                    "PARLEY_S3_SECRET_KEY", "SPRING_DATA_REDIS_PASSWORD"),
            "query-side", List.of("PARLEY_AUTH_JWT_SECRET", "SPRING_DATASOURCE_PASSWORD", "SPRING_DATA_REDIS_PASSWORD",
                    "PARLEY_S3_SECRET_KEY"),
            "projections", List.of("PARLEY_AUTH_JWT_SECRET", "SPRING_DATASOURCE_PASSWORD", "SPRING_DATA_REDIS_PASSWORD"),
            "websocket-push", List.of("PARLEY_AUTH_JWT_SECRET", "SPRING_DATA_REDIS_PASSWORD"));

    /** The servers' own secrets, each the counterpart of what the services are given. */
    private static final Map<String, List<String>> SECRETS_BY_SERVER = Map.of(
            "postgres", List.of("POSTGRES_PASSWORD"),
            "minio", List.of("MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"),
            "redis", List.of("REDIS_PASSWORD"));

    private static Compose compose;

    @BeforeAll
    static void load() {
        compose = Compose.load();
    }

    @Test
    void everyServiceGetsTheSecretsItRequiresFromARequiredVariable() {
        assertSoftly(softly -> {
            SECRETS_BY_MODULE.forEach((module, secrets) -> {
                softly.assertThat(compose.servicesBuiltFrom(module)).as("services built from %s", module).isNotEmpty();
                for (String service : compose.servicesBuiltFrom(module)) {
                    Map<String, String> env = Compose.environment(service, compose.service(service));
                    for (String secret : secrets) {
                        softly.assertThat(requiredVariable(env.get(secret)))
                                .as("%s of %s: ${VARIABLE:?message}, so that Compose refuses to start without it (is %s)",
                                        secret, service, env.get(secret))
                                .isPresent();
                    }
                }
            });
            SECRETS_BY_SERVER.forEach((server, secrets) -> {
                Map<String, String> env = Compose.environment(server, compose.service(server));
                for (String secret : secrets) {
                    softly.assertThat(requiredVariable(env.get(secret)))
                            .as("%s of %s (is %s)", secret, server, env.get(secret)).isPresent();
                }
            });
        });
    }

    @Test
    void everyNodeSignsWithTheSameSecret() {
        List<String> variables = compose.services().entrySet().stream()
                .filter(service -> compose.builtServices().containsKey(service.getKey()))
                .map(service -> Compose.environment(service.getKey(), service.getValue()).get("PARLEY_AUTH_JWT_SECRET"))
                .distinct().toList();
        assertThat(variables).as("PARLEY_AUTH_JWT_SECRET across the Parley services").hasSize(1);
    }

    @Test
    void noSecretHasAFixedValueOrADefault() {
        assertSoftly(softly -> compose.services().forEach((name, service) ->
                Compose.environment(name, service).forEach((key, value) -> {
                    if (SECRET_NAME.matcher(key).matches()) {
                        softly.assertThat(requiredVariable(value))
                                .as("%s of %s is a secret: a required variable, not a value or a default (is %s)",
                                        key, name, value)
                                .isPresent();
                    }
                })));
        // A default in ${VAR:-value} or ${VAR-value} anywhere in the file would be a password in git.
        Matcher defaults = Pattern.compile("\\$\\{(\\w*(?:PASSWORD|SECRET|TOKEN)\\w*):?-").matcher(ProjectFiles.read(Compose.FILE));
        assertThat(defaults.results().map(m -> m.group(1)).toList())
                .as("secret variables with a default in %s", Compose.FILE).isEmpty();
    }

    @Test
    void theExampleEnvFileNamesEveryRequiredVariableAndHoldsNoSecret() {
        Map<String, String> example = envFile(ProjectFiles.read(ENV_EXAMPLE));
        Matcher required = Pattern.compile("\\$\\{(\\w+):\\?").matcher(ProjectFiles.read(Compose.FILE));
        List<String> variables = required.results().map(m -> m.group(1)).distinct().toList();
        assertThat(variables).as("required variables in %s", Compose.FILE).isNotEmpty();
        assertSoftly(softly -> {
            for (String variable : variables) {
                softly.assertThat(example).as("%s documents %s", ENV_EXAMPLE, variable).containsKey(variable);
            }
            example.forEach((key, value) -> {
                if (SECRET_NAME.matcher(key).matches()) {
                    softly.assertThat(value).as("%s in %s (fill it in .env, never here)", key, ENV_EXAMPLE).isEmpty();
                }
            });
        });
        assertThat(ProjectFiles.read(".gitignore").lines().map(String::trim))
                .as(".gitignore keeps the filled-in .env out of git").contains(".env");
    }

    @Test
    void theServicesTrustForwardedAddressesFromTheGatewayAlone() {
        Object networks = compose.service("gateway").get("networks");
        assertThat(networks).as("networks of gateway (a fixed address)").isInstanceOf(Map.class);
        Object attachment = ((Map<?, ?>) networks).values().iterator().next();
        String gatewayAddress = String.valueOf(((Map<?, ?>) attachment).get("ipv4_address"));
        assertSoftly(softly -> compose.builtServices().keySet().forEach(service -> {
            Map<String, String> env = Compose.environment(service, compose.service(service));
            softly.assertThat(env.get("SERVER_FORWARD_HEADERS_STRATEGY")).as("forward headers of %s", service)
                    .isEqualTo("native");
            String proxies = env.get("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES");
            softly.assertThat(proxies).as("trusted proxies of %s", service).isNotNull();
            if (proxies != null) {
                softly.assertThat(gatewayAddress.matches(proxies)).as("%s trusts the gateway %s", service, gatewayAddress)
                        .isTrue();
                softly.assertThat("203.0.113.7".matches(proxies)).as("%s trusts only the gateway", service).isFalse();
            }
        }));
    }

    private static Optional<String> requiredVariable(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = REQUIRED.matcher(value.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Map<String, String> envFile(String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        text.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(line -> {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        entries.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                    }
                });
        return entries;
    }
}
