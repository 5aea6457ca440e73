package dev.parley.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml as read by SnakeYAML, with the few Compose shapes the tests need. Compose allows
 * several spellings of the same thing (a map or a KEY=VALUE list for environment, a list or a map for
 * depends_on, a string or a map for build); each accessor accepts all of them.
 */
final class Compose {

    static final String FILE = "docker-compose.yml";

    private final Map<String, Object> root;

    private Compose(Map<String, Object> root) {
        this.root = root;
    }

    /** Parses the project's compose file; YAML anchors and {@code <<} merge keys are resolved. */
    static Compose load() {
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(ProjectFiles.read(FILE));
        if (!(parsed instanceof Map<?, ?>)) {
            throw new AssertionError(FILE + " should be a YAML mapping at the top, but is " + describe(parsed));
        }
        return new Compose(asMap(parsed, FILE));
    }

    /** Services by name, in the file's order. */
    Map<String, Map<String, Object>> services() {
        Map<String, Object> services = asMap(root.get("services"), FILE + ": services");
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        services.forEach((name, body) -> result.put(name, asMap(body, "service " + name)));
        return result;
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError(FILE + " declares no service '" + name + "'; it has " + services().keySet());
        }
        return service;
    }

    /** The names under the top-level {@code volumes:} key. */
    Set<String> namedVolumes() {
        Object volumes = root.get("volumes");
        return volumes == null ? Set.of() : asMap(volumes, FILE + ": volumes").keySet();
    }

    /** The services built from source: Parley's own, as opposed to the stock images. */
    Map<String, Build> builtServices() {
        Map<String, Build> result = new LinkedHashMap<>();
        services().forEach((name, service) -> build(name, service).ifPresent(b -> result.put(name, b)));
        return result;
    }

    /** The names of the services whose build arg MODULE is {@code module}. */
    List<String> servicesBuiltFrom(String module) {
        List<String> result = new ArrayList<>();
        builtServices().forEach((name, build) -> {
            if (module.equals(build.args().get("MODULE"))) {
                result.add(name);
            }
        });
        return result;
    }

    /** A service's {@code build:}, in its long form. */
    record Build(String context, String dockerfile, Map<String, String> args) {
    }

    static Optional<Build> build(String name, Map<String, Object> service) {
        Object build = service.get("build");
        if (build == null) {
            return Optional.empty();
        }
        if (build instanceof String context) {
            return Optional.of(new Build(context, "Dockerfile", Map.of()));
        }
        Map<String, Object> map = asMap(build, "build of " + name);
        String context = map.containsKey("context") ? String.valueOf(map.get("context")) : ".";
        String dockerfile = map.containsKey("dockerfile") ? String.valueOf(map.get("dockerfile")) : "Dockerfile";
        return Optional.of(new Build(context, dockerfile, keyValues(map.get("args"), "build args of " + name)));
    }

    /** A service's environment; values as strings, as the container sees them. */
    static Map<String, String> environment(String name, Map<String, Object> service) {
        return keyValues(service.get("environment"), "environment of " + name);
    }

    /** The services a service depends on, with the condition it waits for (service_started when unsaid). */
    static Map<String, String> dependsOn(String name, Map<String, Object> service) {
        Object dependsOn = service.get("depends_on");
        Map<String, String> result = new LinkedHashMap<>();
        if (dependsOn == null) {
            return result;
        }
        if (dependsOn instanceof List<?> list) {
            list.forEach(target -> result.put(String.valueOf(target), "service_started"));
            return result;
        }
        asMap(dependsOn, "depends_on of " + name).forEach((target, spec) -> {
            Object condition = spec instanceof Map<?, ?> m ? m.get("condition") : null;
            result.put(target, condition == null ? "service_started" : String.valueOf(condition));
        });
        return result;
    }

    /** The healthcheck's command as one line, or empty when the service has none (or disables it). */
    static Optional<String> healthcheckCommand(Map<String, Object> service) {
        if (!(service.get("healthcheck") instanceof Map<?, ?> healthcheck)
                || Boolean.TRUE.equals(healthcheck.get("disable"))) {
            return Optional.empty();
        }
        Object test = healthcheck.get("test");
        if (test instanceof List<?> parts && !parts.isEmpty()) {
            if ("NONE".equals(parts.get(0))) {
                return Optional.empty();
            }
            // Drop the CMD / CMD-SHELL marker.
            return Optional.of(String.join(" ", parts.subList(1, parts.size()).stream().map(String::valueOf).toList()));
        }
        return test == null ? Optional.empty() : Optional.of(String.valueOf(test));
    }

    /** The service's volume mounts as (source, target) pairs; a source may be a named volume or a path. */
    static List<Mount> mounts(String name, Map<String, Object> service) {
        List<Mount> result = new ArrayList<>();
        Object volumes = service.get("volumes");
        if (volumes == null) {
            return result;
        }
        if (!(volumes instanceof List<?> list)) {
            throw new AssertionError("volumes of " + name + " should be a list, but is " + describe(volumes));
        }
        for (Object volume : list) {
            if (volume instanceof Map<?, ?> longForm) {
                result.add(new Mount(String.valueOf(longForm.get("source")), String.valueOf(longForm.get("target"))));
            } else {
                String[] parts = String.valueOf(volume).split(":");
                result.add(parts.length == 1 ? new Mount(null, parts[0]) : new Mount(parts[0], parts[1]));
            }
        }
        return result;
    }

    record Mount(String source, String target) {

        /** Whether the source names a volume rather than a path on the host; anonymous mounts are not named. */
        boolean isNamedVolume() {
            return source != null && !source.startsWith(".") && !source.startsWith("/") && !source.startsWith("~")
                    && !source.startsWith("$");
        }
    }

    private static Map<String, String> keyValues(Object value, String what) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null) {
            return result;
        }
        if (value instanceof List<?> list) {
            for (Object entry : list) {
                String text = String.valueOf(entry);
                int eq = text.indexOf('=');
                result.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
            }
            return result;
        }
        asMap(value, what).forEach((k, v) -> result.put(k, v == null ? "" : String.valueOf(v)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new AssertionError(what + " should be a mapping, but is " + describe(value));
        }
        Set<Object> nonStringKeys = new LinkedHashSet<>();
        map.keySet().stream().filter(k -> !(k instanceof String)).forEach(nonStringKeys::add);
        if (!nonStringKeys.isEmpty()) {
            throw new AssertionError(what + " has keys that are not strings: " + nonStringKeys);
        }
        return (Map<String, Object>) map;
    }

    private static String describe(Object value) {
        return value == null ? "empty" : "a " + value.getClass().getSimpleName() + ": " + value;
    }
}
