package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker/nginx.conf and the gateway service: every path reaches the tier that serves it. */
class GatewayConfigTest {

    private static Compose compose;
    private static NginxConfig nginx;

    @BeforeAll
    static void load() {
        compose = Compose.load();
        nginx = NginxConfig.load();
    }

    /** The Compose services a proxy_pass target reaches: an upstream's servers, or the host it names. */
    private static Set<String> servicesBehind(String target) {
        List<String> servers = nginx.upstreams().getOrDefault(target, List.of(target));
        return servers.stream().map(s -> s.split(":")[0]).collect(Collectors.toSet());
    }

    private static String proxyTargetOf(String location) {
        String block = nginx.location(location)
                .orElseThrow(() -> new AssertionError(NginxConfig.FILE + " has no 'location " + location + "' block"));
        return NginxConfig.proxyPassTarget(block)
                .orElseThrow(() -> new AssertionError("'location " + location + "' in " + NginxConfig.FILE
                        + " has no proxy_pass"));
    }

    @Test
    void gatewayServesTheConfigFromTheProject() {
        Map<String, Object> gateway = compose.service("gateway");
        assertThat(String.valueOf(gateway.get("image"))).as("image of gateway").startsWith("nginx:");
        assertThat(Compose.mounts("gateway", gateway))
                .as("mounts of gateway; one should put %s at /etc/nginx/nginx.conf", NginxConfig.FILE)
                .anyMatch(m -> m.target().equals("/etc/nginx/nginx.conf") && m.source() != null
                        && ProjectFiles.ROOT.resolve(m.source()).normalize().equals(ProjectFiles.path(NginxConfig.FILE)));
        assertThat(String.valueOf(gateway.get("ports"))).as("ports of gateway").contains("8080");
    }

    @Test
    void isACompleteNginxConfig() {
        assertThat(nginx.hasBlock("events")).as("%s has an events {} block", NginxConfig.FILE).isTrue();
        assertThat(nginx.hasBlock("http")).as("%s has an http {} block", NginxConfig.FILE).isTrue();
    }

    @Test
    void routesEachPublicPath() {
        List<String> unrouted = List.of("/ws", "/api", "/admin").stream()
                .filter(path -> nginx.location(path).isEmpty())
                .toList();
        assertThat(unrouted).as("paths with no 'location' block in %s", NginxConfig.FILE).isEmpty();
    }

    @Test
    void webSocketsUpgradeAndReachEveryPushNode() {
        String ws = nginx.location("/ws").orElseThrow(() -> new AssertionError("no 'location /ws' block"));
        assertThat(ws).as("'location /ws' in %s", NginxConfig.FILE)
                .containsPattern("proxy_set_header\\s+Upgrade\\s+\\$http_upgrade")
                .containsPattern("proxy_set_header\\s+Connection\\s");
        // An upgrade needs HTTP/1.1 to the upstream; the directive may be inherited from the server block.
        assertThat(ProjectFiles.read(NginxConfig.FILE)).as(NginxConfig.FILE)
                .containsPattern("proxy_http_version\\s+1\\.1");
        assertThat(servicesBehind(proxyTargetOf("/ws")))
                .as("services behind 'location /ws'")
                .containsExactlyInAnyOrderElementsOf(compose.servicesBuiltFrom("websocket-push"));
    }

    @Test
    void apiWritesGoToCommandSideAndReadsToQuerySide() {
        String target = proxyTargetOf("/api");
        assertThat(target).as("proxy_pass of 'location /api' (a variable set by a map on the method)")
                .startsWith("$");
        Map<String, String> byMethod = nginx.map("$request_method", target)
                .orElseThrow(() -> new AssertionError(NginxConfig.FILE + " has no 'map $request_method " + target
                        + "' block"));
        assertSoftly(softly -> {
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                softly.assertThat(servicesBehind(byMethod.getOrDefault(method, byMethod.get("default"))))
                        .as("services an /api %s reaches (a write)", method)
                        .containsExactly("command-side");
            }
            for (String method : List.of("GET", "HEAD")) {
                softly.assertThat(servicesBehind(byMethod.getOrDefault(method, byMethod.get("default"))))
                        .as("services an /api %s reaches (a read)", method)
                        .containsExactly("query-side");
            }
        });
    }

    @Test
    void adminGoesToQuerySide() {
        assertThat(servicesBehind(proxyTargetOf("/admin")))
                .as("services behind 'location /admin'")
                .containsExactly("query-side");
    }

    @Test
    void everyUpstreamServerIsAServiceOnItsPort() {
        Map<String, List<String>> upstreams = nginx.upstreams();
        assertThat(upstreams).as("upstream blocks in %s", NginxConfig.FILE).isNotEmpty();
        assertSoftly(softly -> upstreams.forEach((upstream, servers) -> {
            softly.assertThat(servers).as("servers of upstream %s", upstream).isNotEmpty();
            for (String server : servers) {
                String[] hostPort = server.split(":");
                Map<String, Object> service = compose.services().get(hostPort[0]);
                softly.assertThat(service)
                        .as("Compose service '%s', named by upstream %s in %s", hostPort[0], upstream, NginxConfig.FILE)
                        .isNotNull();
                if (service != null) {
                    softly.assertThat(Compose.environment(hostPort[0], service).get("SERVER_PORT"))
                            .as("SERVER_PORT of %s, which upstream %s reaches on port %s", hostPort[0], upstream,
                                    hostPort[1])
                            .isEqualTo(hostPort[1]);
                }
            }
        }));
    }

    @Test
    void hasNoRegexLocations() {
        // NginxConfig.locationFor models exact and prefix locations only.
        assertThat(nginx.locations()).as("locations in %s", NginxConfig.FILE)
                .noneMatch(l -> l.modifier().startsWith("~"));
    }

    @Test
    void everyProtocolRouteReachesTheModuleThatServesIt() {
        Map<ProtocolRoutes.Route, String> served = ProtocolRoutes.served();
        var routes = ProtocolRoutes.documented();
        assertThat(routes).as("routes named in %s", ProtocolRoutes.DOC).isNotEmpty();
        assertSoftly(softly -> {
            for (ProtocolRoutes.Route route : routes) {
                String module = served.getOrDefault(route, ProtocolRoutes.PLANNED.get(route));
                softly.assertThat(module)
                        .as("the module serving %s (no controller maps it, and ProtocolRoutes.PLANNED does not name"
                                + " one)", route)
                        .isNotNull();
                if (module != null) {
                    softly.assertThat(servicesReached(route.method(), route.examplePath()))
                            .as("services the gateway sends %s %s to (%s serves it)", route.method(),
                                    route.examplePath(), module)
                            .containsExactlyInAnyOrderElementsOf(compose.servicesBuiltFrom(module));
                }
            }
        });
    }

    @Test
    void theRoutesMovedInVersionOnePointOneGoWhereTheyAreServed() {
        assertSoftly(softly -> {
            softly.assertThat(servicesReached("PATCH", "/api/users/me")).containsExactly("query-side");
            softly.assertThat(servicesReached("PUT", "/api/users/me/blocks/x1")).containsExactly("query-side");
            softly.assertThat(servicesReached("DELETE", "/api/sessions/current")).containsExactly("command-side");
            softly.assertThat(servicesReached("DELETE", "/api/sessions")).containsExactly("command-side");
            softly.assertThat(servicesReached("POST", "/api/ws-tickets"))
                    .containsExactlyInAnyOrderElementsOf(compose.servicesBuiltFrom("websocket-push"));
        });
    }

    /** The web app's files are served by the push nodes (web-client, a dependency of websocket-push). */
    @Test
    void theWebAppReachesThePushNodes() {
        assertSoftly(softly -> {
            for (String path : new String[] {"/", "/index.html", "/app/main.js", "/webjars/preact/10.28.0/dist/preact.module.js"}) {
                softly.assertThat(servicesReached("GET", path)).as("services the gateway sends GET %s to", path)
                        .containsExactlyInAnyOrderElementsOf(compose.servicesBuiltFrom("websocket-push"));
            }
            softly.assertThat(servicesReached("GET", "/elsewhere")).as("any other path").isEmpty();
        });
    }

    @Test
    void logsNeitherQueryStringsNorCredentials() {
        String config = ProjectFiles.read(NginxConfig.FILE).replaceAll("(?m)#.*$", "");
        List<String> accessLogs = java.util.regex.Pattern.compile("\\baccess_log\\s+([^;]+);").matcher(config)
                .results().map(m -> m.group(1).trim()).toList();
        assertThat(accessLogs).as("access_log directives in %s", NginxConfig.FILE).isNotEmpty();
        assertSoftly(softly -> {
            for (String accessLog : accessLogs) {
                String[] words = accessLog.split("\\s+");
                // Without a format name nginx logs "combined", whose $request holds the query string.
                softly.assertThat(words[0].equals("off") || words.length >= 2)
                        .as("access_log %s names a format of its own", accessLog).isTrue();
            }
            var formats = java.util.regex.Pattern.compile("\\blog_format\\s+\\w+\\s+([^;]+);").matcher(config)
                    .results().map(m -> m.group(1)).toList();
            softly.assertThat(formats).as("log_format directives in %s", NginxConfig.FILE).isNotEmpty();
            for (String format : formats) {
                softly.assertThat(format).as("a log_format in %s", NginxConfig.FILE)
                        .doesNotContainPattern("\\$(request|request_uri|args|query_string|arg_\\w+|http_authorization"
                                + "|http_cookie|http_sec_websocket_protocol)\\b");
            }
        });
    }

    @Test
    void passesTheClientAddressItSawAndNotOneTheClientSent() {
        String config = ProjectFiles.read(NginxConfig.FILE).replaceAll("(?m)#.*$", "");
        List<String> forwardedFor = java.util.regex.Pattern.compile("proxy_set_header\\s+X-Forwarded-For\\s+([^;]+);")
                .matcher(config).results().map(m -> m.group(1).trim()).toList();
        assertThat(forwardedFor).as("X-Forwarded-For headers set in %s", NginxConfig.FILE)
                .isNotEmpty().allMatch("$remote_addr"::equals);
    }

    /** The services nginx forwards a request to, following its location choice, map and upstream. */
    private static Set<String> servicesReached(String method, String path) {
        NginxConfig.Location location = nginx.locationFor(path)
                .orElseThrow(() -> new AssertionError("no location of " + NginxConfig.FILE + " matches " + path));
        String target = NginxConfig.proxyPassTarget(location.body()).orElse(null);
        if (target == null) {
            return Set.of();
        }
        if (target.startsWith("$")) {
            Map<String, String> byMethod = nginx.map("$request_method", target)
                    .orElseThrow(() -> new AssertionError(NginxConfig.FILE + " has no 'map $request_method " + target + "'"));
            return servicesBehind(byMethod.getOrDefault(method, byMethod.get("default")));
        }
        return servicesBehind(target);
    }
}
