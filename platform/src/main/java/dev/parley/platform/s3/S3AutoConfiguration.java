package dev.parley.platform.s3;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 client and presigner (AWS SDK v2), the media bucket created at start, and S3's health. */
@AutoConfiguration
@ConditionalOnClass(S3Client.class)
@EnableConfigurationProperties({S3Properties.class, MediaUrlProperties.class})
public class S3AutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    S3Client s3Client(S3Properties properties) {
        var builder = S3Client.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials(properties))
                .forcePathStyle(properties.pathStyle())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(properties.apiCallAttemptTimeout())
                        .apiCallTimeout(properties.apiCallTimeout()).build());
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    S3Presigner s3Presigner(S3Properties properties) {
        var builder = S3Presigner.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials(properties))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(properties.pathStyle()).build());
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    /**
     * Media URLs for clients. Signed for {@code parley.media.public-endpoint} when set (a proxy in front of
     * the store): a presigned URL's signature covers its host, so it is signed for the host clients use,
     * with a presigner of its own built once here.
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    PresignedMediaUrls mediaUrls(S3Presigner presigner, S3Properties properties, MediaUrlProperties urls) {
        S3Presigner signer = presigner;
        if (urls.publicEndpoint() != null) {
            signer = S3Presigner.builder()
                    .region(Region.of(properties.region()))
                    .credentialsProvider(credentials(properties))
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(properties.pathStyle()).build())
                    .endpointOverride(urls.publicEndpoint())
                    .build();
        }
        return new PresignedMediaUrls(signer, properties.bucket(), urls.urlTtl(), urls.urlReuse(), urls.maxReusedUrls());
    }

    /**
     * A service that stores or reads objects checks the bucket at start and reports S3's health; one that
     * only signs URLs (a push node: local work, no call to the store) sets {@code parley.s3.manage-bucket}
     * to false, so that neither its start nor its health depends on the store.
     */
    @Bean
    @ConditionalOnProperty(name = "parley.s3.manage-bucket", havingValue = "true", matchIfMissing = true)
    MediaBucket mediaBucket(S3Client s3, S3Properties properties) {
        return new MediaBucket(s3, properties);
    }

    @Bean
    @ConditionalOnBean(MediaBucket.class)
    S3HealthIndicator s3HealthIndicator(MediaBucket bucket) {
        return new S3HealthIndicator(bucket);
    }

    private static AwsCredentialsProvider credentials(S3Properties properties) {
        if (properties.accessKey() == null || properties.accessKey().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()));
    }
}
