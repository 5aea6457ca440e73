package dev.parley.platform.outage;

import java.util.List;
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

    /** Lettuce's root failure: a command cut off with its connection ("Connection closed") is one, unanswered. */
    private static final String REDIS_FAILURE = "io.lettuce.core.RedisException";
    /** Lettuce's failure for an error Redis answered: the command's fault, unless it is about Redis's state. */
    private static final String REDIS_ANSWERED_ERROR = "io.lettuce.core.RedisCommandExecutionException";

    /**
     * Errors Redis answers about its own state rather than the command: out of memory, a read-only replica
     * after a failover, failing to persist, a server still loading or busy, a cluster without a master,
     * credentials refused (a Redis restarted before its configuration was read). They pass when the server
     * does; every other answered error is the command's.
     */
    private static final List<String> REDIS_STATE_ERRORS = List.of("OOM", "READONLY", "MISCONF", "LOADING", "BUSY",
            "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "NOAUTH", "WRONGPASS", "NOPERM");

    /** True when {@code failure}, or any of its causes, says a server could not be reached in time. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable cause : ExceptionUtils.getThrowableList(failure)) {
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (OUTAGE_TYPES.contains(type.getName())) {
                    return true;
                }
                if (type.getName().equals(REDIS_FAILURE)) {
                    return !answeredBy(cause.getClass(), REDIS_ANSWERED_ERROR) || isRedisStateError(cause.getMessage());
                }
            }
        }
        return false;
    }

    /**
     * True when Redis answered a command of {@code failure}'s cause chain with an error about the command itself
     * (a script error, a wrong type), which retrying will not cure; false for an error about Redis's own state
     * (loading, busy, out of memory...) and for a command that got no answer.
     */
    public static boolean isRedisCommandError(Throwable failure) {
        for (Throwable cause : ExceptionUtils.getThrowableList(failure)) {
            if (answeredBy(cause.getClass(), REDIS_ANSWERED_ERROR)) {
                return !isRedisStateError(cause.getMessage());
            }
        }
        return false;
    }

    /**
     * True when Redis answered with an error about its own state; a script's command refused this way comes
     * back as the script's error, quoting it after a '-'.
     */
    private static boolean isRedisStateError(String message) {
        String text = String.valueOf(message);
        return REDIS_STATE_ERRORS.stream().anyMatch(code -> text.startsWith(code + " ") || text.contains("-" + code + " "));
    }

    private static boolean answeredBy(Class<?> type, String name) {
        for (Class<?> ancestor = type; ancestor != null; ancestor = ancestor.getSuperclass()) {
            if (ancestor.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
