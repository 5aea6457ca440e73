package dev.parley.platform.outage;

import java.util.Set;
import org.apache.commons.lang3.exception.ExceptionUtils;

/**
 * Tells a server that could not be reached in time (PostgreSQL, Kafka, Cassandra, Redis, S3) apart from a
 * fault of Parley's own: the first is answered {@code UNAVAILABLE} (a socket frame) or {@code 503} with
 * {@code Retry-After} (REST), since the same request succeeds once the server is back; the second stays
 * {@code INTERNAL}. The types are named, not imported, because each service has only some of these clients
 * on its classpath.
 */
public final class ServerOutages {

    /** Failures (or their ancestors) that mean "not reached, or not in time", anywhere in a cause chain. */
    private static final Set<String> OUTAGE_TYPES = Set.of(
            // Spring's translations: a connection refused or lost (JDBC, Redis, Cassandra), a command timed out.
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.QueryTimeoutException",
            "org.springframework.dao.TransientDataAccessResourceException",
            "org.springframework.transaction.CannotCreateTransactionException",
            // JDBC as Hikari and the PostgreSQL driver report it, under Axon's own wrappers.
            "java.sql.SQLTransientConnectionException",
            "java.sql.SQLRecoverableException",
            "java.net.ConnectException",
            // Lettuce, where no Spring template translates (Bucket4j's connection).
            "io.lettuce.core.RedisConnectionException",
            "io.lettuce.core.RedisCommandTimeoutException",
            // The DataStax driver: every node refused or timed out.
            "com.datastax.oss.driver.api.core.AllNodesFailedException",
            "com.datastax.oss.driver.api.core.DriverTimeoutException",
            // Kafka clients: metadata or a request not answered within max.block.ms / the request timeout.
            "org.apache.kafka.common.errors.TimeoutException",
            // The AWS SDK: no answer from S3 (an answer with an error status is an S3Exception instead).
            "software.amazon.awssdk.core.exception.SdkClientException");

    private ServerOutages() {
    }

    /** True when {@code failure}, or any of its causes, says a server could not be reached in time. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable cause : ExceptionUtils.getThrowableList(failure)) {
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (OUTAGE_TYPES.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
