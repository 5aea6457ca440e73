package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service serving the web app must answer (web-client): the page and every module it imports, without
 * a token, with their types and headers; and the page's code names only the client protocol's routes.
 */
public final class WebClientChecks {

    /** Every route of docs/protocol.md a client uses; nothing under /admin or /actuator. */
    public static final Set<String> CLIENT_ROUTES = Set.of("/api/users", "/api/users/", "/api/users/me",
            "/api/sessions", "/api/sessions/refresh", "/api/sessions/current", "/api/ws-tickets", "/api/conversations",
            "/api/media", "/api/media/uploads", "/api/media/uploads/");

    /** A static import or a dynamic import() of a module. */
    private static final Pattern IMPORT = Pattern.compile("(?:from|import)\\s*\\(?\\s*'([^']+\\.js)'");
    /** A route written into the code: a string or template literal starting with one of the server's paths. */
    private static final Pattern ROUTE = Pattern.compile("['\"`](/(?:api|admin|actuator)[^'\"`?$]*)");

    private WebClientChecks() {
    }

    /** Asserts the page, its modules, its style and its library are served as the app needs them. */
    public static void assertServesWebClient(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI root = URI.create("http://127.0.0.1:" + port + "/");

        HttpResponse<String> page = get(http, root);
        assertThat(page.statusCode()).as("GET / without a token").isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"app/main.js\"></script>");
        assertStrictPolicy(page);
        assertThat(page.headers().firstValue("Cache-Control")).as("the page is checked again on each load").hasValue("no-cache");

        HttpResponse<String> style = get(http, root.resolve("app/app.css"));
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));

        Set<URI> modules = new LinkedHashSet<>();
        Deque<URI> toFetch = new ArrayDeque<>();
        toFetch.add(root.resolve("app/main.js"));
        while (!toFetch.isEmpty()) {
            URI module = toFetch.poll();
            if (!modules.add(module)) {
                continue;
            }
            HttpResponse<String> code = get(http, module);
            assertThat(code.statusCode()).as("GET %s", module).isEqualTo(200);
            assertThat(code.headers().firstValue("Content-Type")).as("type of %s", module)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
            assertThat(code.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            if (module.getPath().startsWith("/webjars/")) {
                assertThat(code.headers().firstValue("Cache-Control")).as("a versioned library file is kept")
                        .hasValueSatisfying(cache -> assertThat(cache).contains("max-age=31536000", "immutable"));
                continue;
            }
            assertThat(code.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(code.body()).as("%s names no admin or operator route", module).doesNotContain("/admin", "/actuator");
            Matcher route = ROUTE.matcher(code.body());
            while (route.find()) {
                assertThat(CLIENT_ROUTES).as("a route %s names", module).contains(route.group(1));
            }
            Matcher imported = IMPORT.matcher(code.body());
            while (imported.find()) {
                toFetch.add(module.resolve(imported.group(1)));
            }
        }
        assertThat(modules).as("the app's modules and the library's").hasSizeGreaterThan(10)
                .anySatisfy(module -> assertThat(module.getPath()).startsWith("/webjars/preact/"));

        HttpResponse<String> api = get(http, root.resolve("api/conversations"));
        assertThat(api.statusCode()).as("an API route still needs a token").isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Security-Policy")).as("the page's policy is the page's only").isEmpty();
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(root).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("the page's paths take GET alone").isIn(401, 403);
    }

    private static void assertStrictPolicy(HttpResponse<String> page) {
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'none'", "script-src 'self';", "style-src 'self';", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html,*/*").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
