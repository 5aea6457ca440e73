package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The media cache (docker/media-cache.conf and its Compose service): the seed of a CDN in front of the
 * object store. Media URLs are signed for the host clients fetch them from, so the services must sign for
 * the cache's published address, and the cache must hand the store the path, query and Host it received.
 * A cached object is keyed by its path (objects are content addressed, so a path always holds the same
 * bytes), and every request's signature is still checked by the store before the cache answers, so an
 * expired or forged URL never reads a cached object.
 */
class MediaCacheConfigTest {

    static final String SERVICE = "media-cache";
    static final String FILE = "docker/media-cache.conf";
    /** {@code parley.s3.bucket}'s default, which the Compose file does not change. */
    static final String BUCKET = "parley-media";
    /** The services that sign media URLs: uploads answer with them, messages and redirects carry them. */
    static final List<String> SIGNING_MODULES = List.of("command-side", "query-side", "websocket-push");

    private static Compose compose;
    private static NginxConfig nginx;

    @BeforeAll
    static void load() {
        compose = Compose.load();
        nginx = NginxConfig.load(FILE);
    }

    @Test
    void composeRunsTheCacheFromTheProjectsConfigAfterTheStore() {
        Map<String, Object> cache = compose.service(SERVICE);
        assertThat(String.valueOf(cache.get("image"))).as("image of %s", SERVICE).startsWith("nginx:");
        assertThat(Compose.mounts(SERVICE, cache))
                .as("mounts of %s; one should put %s at /etc/nginx/nginx.conf", SERVICE, FILE)
                .anyMatch(m -> m.target().equals("/etc/nginx/nginx.conf") && m.source() != null
                        && ProjectFiles.ROOT.resolve(m.source()).normalize().equals(ProjectFiles.path(FILE)));
        assertThat(Compose.mounts(SERVICE, cache))
                .as("mounts of %s: the cache keeps its objects in a named volume, so a restart keeps them", SERVICE)
                .anyMatch(m -> m.isNamedVolume() && m.target().startsWith("/var/cache/nginx"));
        assertThat(Compose.dependsOn(SERVICE, cache)).as("depends_on of %s", SERVICE)
                .containsEntry("minio", "service_healthy");
        assertThat(Compose.healthcheckCommand(cache)).as("healthcheck of %s", SERVICE).isPresent();
        assertThat(nginx.hasBlock("events")).as("%s has an events {} block", FILE).isTrue();
    }

    @Test
    void everyServiceThatSignsMediaUrlsSignsForTheCachesPublishedAddress() {
        String published = String.valueOf(compose.service(SERVICE).get("ports"));
        Matcher ports = Pattern.compile("(\\d+):(\\d+)").matcher(published);
        assertThat(ports.find()).as("ports of %s (host:container): %s", SERVICE, published).isTrue();
        String hostPort = ports.group(1);
        String containerPort = ports.group(2);
        assertThat(nginx.block("server").orElseThrow()).as("server block of %s", FILE)
                .containsPattern("listen\\s+" + containerPort + "\\b");
        assertSoftly(softly -> SIGNING_MODULES.forEach(module -> compose.servicesBuiltFrom(module).forEach(name -> {
            String endpoint = Compose.environment(name, compose.service(name)).get("PARLEY_MEDIA_PUBLIC_ENDPOINT");
            softly.assertThat(endpoint).as("PARLEY_MEDIA_PUBLIC_ENDPOINT of %s (it signs media URLs)", name).isNotBlank();
            if (endpoint != null && !endpoint.isBlank()) {
                // ${VAR:-default}: the default is what a trial on this machine uses.
                String value = endpoint.replaceAll("^\\$\\{\\w+:-(.*)}$", "$1");
                softly.assertThat(URI.create(value).getPort()).as("port of %s's PARLEY_MEDIA_PUBLIC_ENDPOINT %s, %s's"
                        + " published port", name, value, SERVICE).isEqualTo(Integer.parseInt(hostPort));
            }
        })));
    }

    @Test
    void theCachesUpstreamIsTheStoreTheServicesUse() {
        List<String> servers = nginx.upstreams().get("object_store");
        assertThat(servers).as("upstream object_store in %s", FILE).isNotNull().hasSize(1);
        assertSoftly(softly -> compose.builtServices().keySet().forEach(name -> {
            String endpoint = Compose.environment(name, compose.service(name)).get("PARLEY_S3_ENDPOINT");
            if (endpoint != null) {
                URI store = URI.create(endpoint);
                softly.assertThat(servers.get(0)).as("object_store's server, the PARLEY_S3_ENDPOINT of %s", name)
                        .isEqualTo(store.getHost() + ":" + store.getPort());
            }
        }));
    }

    @Test
    void servesOnlyTheMediaBucketsContentAddressedObjectsForGets() {
        NginxConfig.Location objects = objectLocation();
        assertThat(objects.modifier()).as("modifier of the object location (a regex of object keys)").isEqualTo("~");
        Pattern keys = Pattern.compile(objects.path().replaceAll("^\"|\"$", ""));
        String sha = "0123456789abcdef".repeat(4);
        assertSoftly(softly -> {
            softly.assertThat(keys.matcher("/" + BUCKET + "/media/" + sha).matches()).as("an image's key").isTrue();
            softly.assertThat(keys.matcher("/" + BUCKET + "/thumbs/" + sha).matches()).as("a thumbnail's key").isTrue();
            softly.assertThat(keys.matcher("/" + BUCKET + "/").matches()).as("the bucket's listing").isFalse();
            softly.assertThat(keys.matcher("/" + BUCKET + "/uploads/" + sha).matches()).as("another folder").isFalse();
            softly.assertThat(keys.matcher("/other-bucket/media/" + sha).matches()).as("another bucket").isFalse();
        });
        assertThat(objects.body()).as("the object location of %s takes GET (and so HEAD) only", FILE)
                .containsPattern("limit_except\\s+GET\\s*\\{\\s*deny\\s+all;");
    }

    @Test
    void cachesObjectsByPathButHasTheStoreCheckEverySignature() {
        String objects = objectLocation().body();
        assertThat(objects).as("the object location of %s", FILE)
                .containsPattern("proxy_cache\\s+\\w+;")
                .containsPattern("proxy_cache_key\\s+\\$uri;")
                .containsPattern("auth_request\\s+/_signature;")
                // Unchanged path and query, and the Host the URL was signed for, or the store's check fails.
                .containsPattern("proxy_pass\\s+http://object_store;")
                .containsPattern("proxy_set_header\\s+Host\\s+\\$http_host;");
        String check = nginx.block("location\\s+=\\s+/_signature").orElseThrow(() ->
                new AssertionError(FILE + " has no 'location = /_signature' block"));
        assertThat(check).as("'location = /_signature' of %s: the signature check by the store", FILE)
                .containsPattern("\\binternal;")
                .containsPattern("proxy_pass\\s+http://object_store\\$request_uri;")
                .containsPattern("proxy_set_header\\s+Host\\s+\\$http_host;")
                // The URL is signed for GET: a HEAD would fail the signature. One byte proves it valid.
                .containsPattern("proxy_set_header\\s+Range\\s+\"?bytes=0-0\"?;")
                .doesNotContainPattern("proxy_cache\\s+\\w+;");
    }

    @Test
    void passesDirectUploadsToTheStoreUncachedForPutsOnly() {
        NginxConfig.Location uploads = nginx.locations().stream().filter(l -> l.path().contains("/uploads/")).findFirst()
                .orElseThrow(() -> new AssertionError(FILE + " has no location for the direct uploads' PUTs"));
        Pattern keys = Pattern.compile(uploads.path().replaceAll("^\"|\"$", ""));
        assertThat(keys.matcher("/" + BUCKET + "/uploads/0d9b6a1e-5c1e-4b2a-9f2c-7a0133aa0d9b").matches())
                .as("an upload's key").isTrue();
        assertThat(keys.matcher("/" + BUCKET + "/media/0d9b6a1e").matches()).as("a stored object's key").isFalse();
        assertThat(uploads.body()).as("the uploads location of %s", FILE)
                .containsPattern("limit_except\\s+PUT\\s*\\{\\s*deny\\s+all;")
                .containsPattern("proxy_pass\\s+http://object_store;")
                .containsPattern("proxy_set_header\\s+Host\\s+\\$http_host;")
                .containsPattern("client_max_body_size\\s+100m;")
                .doesNotContainPattern("proxy_cache\\s+\\w+;");
    }

    @Test
    void clientsAndIntermediariesAreNotToldToShareAnObjectUnderAnExpiredUrl() {
        String objects = objectLocation().body();
        // The store's "public, max-age=31536000" would let a shared cache past this one serve the URL after it
        // expires; a browser keeping what it was allowed to fetch is fine.
        assertThat(objects).as("the object location of %s", FILE)
                .containsPattern("proxy_hide_header\\s+Cache-Control;")
                .containsPattern("add_header\\s+Cache-Control\\s+\"private, max-age=31536000, immutable\"");
    }

    private static NginxConfig.Location objectLocation() {
        return nginx.locations().stream().filter(l -> l.path().contains(BUCKET)).findFirst()
                .orElseThrow(() -> new AssertionError(FILE + " has no location for the bucket " + BUCKET));
    }
}
