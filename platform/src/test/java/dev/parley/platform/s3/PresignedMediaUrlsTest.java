package dev.parley.platform.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The media URLs as configured: path-style, for the store's endpoint or the public one in front of it, and
 * with the configured lifetime. (That the store honours them, and refuses them once expired, is
 * query-side's {@code MediaRoutesIT}, against S3Proxy.)
 */
class PresignedMediaUrlsTest {

    private static final URI STORE = URI.create("http://127.0.0.1:19000");

    private final S3Properties s3 = new S3Properties(STORE, "key", "secret", "us-east-1", "parley-media", true, true,
            Duration.ofSeconds(3), Duration.ofSeconds(8), false, Duration.ofSeconds(60));
    private final S3Presigner storePresigner = S3Presigner.builder().region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .endpointOverride(STORE).build();

    @Test
    void aUrlIsPathStyleOnTheStoresEndpointAndLivesFifteenMinutesByDefault() {
        PresignedMediaUrls urls = new S3AutoConfiguration().mediaUrls(storePresigner, s3,
                new MediaUrlProperties(Duration.ofMinutes(15), null, Duration.ofMinutes(1), Duration.ofMinutes(5), 100));

        String url = urls.signedGet("media/ab/abcdef.jpg");

        assertThat(url).startsWith("http://127.0.0.1:19000/parley-media/media/ab/abcdef.jpg?");
        assertThat(url).contains("X-Amz-Expires=900").contains("X-Amz-Signature=");
    }

    @Test
    void withAPublicEndpointTheUrlIsSignedForThePublicHost() {
        PresignedMediaUrls urls = new S3AutoConfiguration().mediaUrls(storePresigner, s3,
                new MediaUrlProperties(Duration.ofMinutes(5), URI.create("https://media.example.com"), Duration.ofMinutes(1),
                        Duration.ZERO, 0));

        String url = urls.signedGet("media/ab/abcdef.jpg");

        assertThat(url).startsWith("https://media.example.com/parley-media/media/ab/abcdef.jpg?");
        assertThat(url).contains("X-Amz-Expires=300").contains("X-Amz-SignedHeaders=host");
    }

    @Test
    void aDirectUploadsPutIsSignedForThePublicHostWithItsTypeAndLength() {
        PresignedMediaUrls urls = new S3AutoConfiguration().mediaUrls(storePresigner, s3,
                new MediaUrlProperties(Duration.ofMinutes(5), URI.create("https://media.example.com"), Duration.ofMinutes(1),
                        Duration.ZERO, 0));

        var put = urls.signedPut("uploads/u1", "video/mp4", 9_000_000, Duration.ofMinutes(15));

        assertThat(put.url().toString()).startsWith("https://media.example.com/parley-media/uploads/u1?")
                .contains("X-Amz-Expires=900");
        assertThat(put.httpRequest().method().name()).isEqualTo("PUT");
        assertThat(put.signedHeaders()).containsKeys("content-type", "content-length", "host");
    }

    @Test
    void aUrlIsHandedOutAgainWithinItsReuseAndARedirectsUrlIsSignedAfresh() throws Exception {
        PresignedMediaUrls urls = new PresignedMediaUrls(storePresigner, "parley-media", Duration.ofMinutes(15),
                Duration.ofMinutes(5), 100);
        String first = urls.signedGet("media/ab/abcdef.jpg");
        Thread.sleep(1_100); // the signature's date has a resolution of a second

        assertThat(urls.signedGet("media/ab/abcdef.jpg")).isEqualTo(first);
        assertThat(urls.freshGet("media/ab/abcdef.jpg")).isNotEqualTo(first);
        assertThat(urls.signedGet("media/ab/other.jpg")).isNotEqualTo(first);
    }

    @Test
    void aReuseAsLongAsTheUrlLivesIsRefused() {
        assertThatThrownBy(() -> new PresignedMediaUrls(storePresigner, "parley-media", Duration.ofMinutes(5),
                Duration.ofMinutes(5), 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRedirectIsCachedLessLongThanItsUrlLivesAndNeverNegatively() {
        assertThat(new MediaUrlProperties(Duration.ofMinutes(15), null, Duration.ofMinutes(1), Duration.ZERO, 0).redirectMaxAge())
                .isEqualTo(Duration.ofMinutes(14));
        assertThat(new MediaUrlProperties(Duration.ofSeconds(30), null, Duration.ofMinutes(1), Duration.ZERO, 0).redirectMaxAge())
                .isEqualTo(Duration.ZERO);
    }
}
