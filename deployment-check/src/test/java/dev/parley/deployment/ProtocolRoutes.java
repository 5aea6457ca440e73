package dev.parley.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The HTTP routes the protocol names (docs/protocol.md, and the client contract in ../shared when it is
 * beside the project), and which module serves each: found in the controllers' mappings, or, for a
 * route the contract names before its controller exists, in {@link #PLANNED}.
 */
final class ProtocolRoutes {

    record Route(String method, String path) {
        /** The path with each {@code {variable}} filled in, as a client would send it. */
        String examplePath() {
            return path.replaceAll("\\{[^}]+}", "x1");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final String DOC = "docs/protocol.md";
    static final String CONTRACT = "../shared/PROTOCOL.md";

    /** Routes of the client contract whose module is settled but whose controller may not exist yet. */
    static final Map<Route, String> PLANNED = Map.ofEntries(
            Map.entry(new Route("POST", "/api/sessions/refresh"), "command-side"),
            Map.entry(new Route("DELETE", "/api/sessions/current"), "command-side"),
            Map.entry(new Route("DELETE", "/api/sessions"), "command-side"),
            Map.entry(new Route("POST", "/api/ws-tickets"), "websocket-push"),
            Map.entry(new Route("GET", "/api/users/me/blocks"), "query-side"),
            Map.entry(new Route("PUT", "/api/users/me/blocks/{userId}"), "query-side"),
            Map.entry(new Route("DELETE", "/api/users/me/blocks/{userId}"), "query-side"),
            // Media: uploads are writes (command side), downloads reads (query side), per DESIGN.md.
            Map.entry(new Route("POST", "/api/media"), "command-side"),
            Map.entry(new Route("POST", "/api/media/uploads"), "command-side"),
            Map.entry(new Route("POST", "/api/media/uploads/{id}/complete"), "command-side"),
            Map.entry(new Route("GET", "/api/media/{id}"), "query-side"),
            Map.entry(new Route("GET", "/api/media/{id}/thumbnail"), "query-side"),
            // The socket's upgrade request.
            Map.entry(new Route("GET", "/ws"), "websocket-push"));

    private static final Pattern DOCUMENTED = Pattern.compile(
            "\\b(GET|POST|PUT|PATCH|DELETE|HEAD) +(/(?:api|admin|ws)\\b[A-Za-z0-9_/{}.-]*)");
    private static final Pattern METHOD_MAPPING = Pattern.compile(
            "@(Get|Post|Put|Patch|Delete)Mapping\\(\\s*(?:(?:value|path)\\s*=\\s*)?\"([^\"]*)\"");
    private static final Pattern CLASS_MAPPING = Pattern.compile(
            "@RequestMapping\\(\\s*(?:(?:value|path)\\s*=\\s*)?\"([^\"]*)\"\\s*\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*"
                    + "(?:public\\s+|final\\s+|abstract\\s+)*class\\b");

    private ProtocolRoutes() {
    }

    /** Every route the protocol documents, in the order first named. */
    static Set<Route> documented() {
        Set<Route> routes = new LinkedHashSet<>();
        addDocumented(ProjectFiles.read(DOC), routes);
        Path contract = ProjectFiles.ROOT.resolve(CONTRACT).normalize();
        if (Files.isRegularFile(contract)) {
            try {
                addDocumented(Files.readString(contract), routes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return routes;
    }

    private static void addDocumented(String text, Set<Route> routes) {
        Matcher m = DOCUMENTED.matcher(text);
        while (m.find()) {
            String path = m.group(2).replaceAll("[.]+$", "");
            routes.add(new Route(m.group(1), path.length() > 1 ? path.replaceAll("/$", "") : path));
        }
    }

    /** The module whose controllers map each route, from the sources of every module. */
    static Map<Route, String> served() {
        Map<Route, String> served = new LinkedHashMap<>();
        try (Stream<Path> modules = Files.list(ProjectFiles.ROOT)) {
            for (Path module : modules.filter(dir -> Files.isDirectory(dir.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        String source = Files.readString(file);
                        Matcher classMapping = CLASS_MAPPING.matcher(source);
                        String prefix = classMapping.find() ? classMapping.group(1) : "";
                        Matcher m = METHOD_MAPPING.matcher(source);
                        while (m.find()) {
                            served.put(new Route(m.group(1).toUpperCase(java.util.Locale.ROOT), prefix + m.group(2)),
                                    module.getFileName().toString());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return served;
    }
}
