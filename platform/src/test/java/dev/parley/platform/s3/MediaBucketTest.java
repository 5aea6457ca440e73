package dev.parley.platform.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The bucket check at start waits for a store that does not answer yet, for a bounded time. */
class MediaBucketTest {

    @Test
    void aStoreThatNeverAnswersFailsTheStartOnceTheWaitIsOverAfterTryingAgain() throws IOException {
        URI nothingListens = URI.create("http://127.0.0.1:" + freePort());
        S3Properties properties = new S3Properties(nothingListens, "key", "secret", "us-east-1", "parley-media", true,
                true, Duration.ofSeconds(1), Duration.ofSeconds(1), true, Duration.ofSeconds(3));
        try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(nothingListens)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .build()) {
            long started = System.nanoTime();

            assertThatThrownBy(new MediaBucket(s3, properties)::afterSingletonsInstantiated)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("parley.s3.bucket-check-wait")
                    .hasCauseInstanceOf(SdkClientException.class);
            // It kept trying for the whole wait rather than failing at the first refused connection.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
