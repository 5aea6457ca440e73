package dev.parley.platform.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

class ServerOutagesTest {

    @Test
    void aServerNotReachedInTimeIsAnOutageWhereverItIsInTheCauseChain() {
        assertThat(ServerOutages.isOutage(new RedisConnectionFailureException("refused"))).isTrue();
        assertThat(ServerOutages.isOutage(new QueryTimeoutException("redis command timed out"))).isTrue();
        assertThat(ServerOutages.isOutage(new IllegalStateException("bucket4j", new RedisCommandTimeoutException("2 s")))).isTrue();
        assertThat(ServerOutages.isOutage(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(ServerOutages.isOutage(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void aRedisCommandCutOffWithItsConnectionOrRefusedForRedisOwnStateIsAnOutage() {
        assertThat(ServerOutages.isOutage(new RedisSystemException("Redis exception",
                new RedisException("Connection closed")))).isTrue();
        assertThat(ServerOutages.isOutage(new RedisSystemException("Error in execution",
                new RedisCommandExecutionException("LOADING Redis is loading the dataset in memory")))).isTrue();
        assertThat(ServerOutages.isOutage(new RedisCommandExecutionException(
                "ERR Error running script (call to f_1): @user_script:1: -NOAUTH Authentication required. "))).isTrue();
    }

    @Test
    void anErrorRedisAnsweredAboutTheCommandIsNot() {
        assertThat(ServerOutages.isOutage(new RedisSystemException("Error in execution",
                new RedisCommandExecutionException("WRONGTYPE Operation against a key holding the wrong kind of value")))).isFalse();
    }

    /** The projections' test (RedisOutages): a failed Redis write retried with its batch, or dead-lettered. */
    @Test
    void onlyAnErrorRedisAnsweredAboutTheCommandItselfIsTheCommandsError() {
        assertThat(ServerOutages.isRedisCommandError(new RedisConnectionFailureException("Unable to connect to Redis"))).isFalse();
        assertThat(ServerOutages.isRedisCommandError(new QueryTimeoutException("timed out",
                new RedisCommandTimeoutException("Command timed out after 2 second(s)")))).isFalse();
        assertThat(ServerOutages.isRedisCommandError(new RedisSystemException("Redis exception",
                new RedisException("Connection closed")))).isFalse();
        assertThat(ServerOutages.isRedisCommandError(new RedisSystemException("loading",
                new RedisLoadingException("LOADING Redis is loading the dataset in memory")))).isFalse();
        assertThat(ServerOutages.isRedisCommandError(new RedisSystemException("busy",
                new RedisBusyException("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.")))).isFalse();
        assertThat(ServerOutages.isRedisCommandError(new RedisSystemException("full",
                new RedisCommandExecutionException("OOM command not allowed when used memory > 'maxmemory'.")))).isFalse();
        assertThat(ServerOutages.isRedisCommandError(new RedisSystemException("full, in a script", new RedisCommandExecutionException(
                "ERR Error running script (call to f_0a1b): @user_script:5: @user_script: 5: -OOM command not allowed when used memory > 'maxmemory'.")))).isFalse();
        assertThat(ServerOutages.isRedisCommandError(new RedisSystemException("failed over",
                new RedisCommandExecutionException("READONLY You can't write against a read only replica.")))).isFalse();
        assertThat(ServerOutages.isRedisCommandError(new RedisSystemException("script",
                new RedisCommandExecutionException("ERR user_script:1: Script attempted to access nonexistent global")))).isTrue();
        assertThat(ServerOutages.isRedisCommandError(new RedisSystemException("Error in execution",
                new RedisCommandExecutionException("WRONGTYPE Operation against a key holding the wrong kind of value")))).isTrue();
    }

    @Test
    void redisLoadingOrBusyIsAnOutage() {
        assertThat(ServerOutages.isOutage(new RedisSystemException("loading",
                new RedisLoadingException("LOADING Redis is loading the dataset in memory")))).isTrue();
        assertThat(ServerOutages.isOutage(new RedisSystemException("busy",
                new RedisBusyException("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.")))).isTrue();
    }

    @Test
    void aFaultOfParleysOrARefusalOfTheServerIsNot() {
        assertThat(ServerOutages.isOutage(new IllegalStateException("a bug"))).isFalse();
        assertThat(ServerOutages.isOutage(new DataIntegrityViolationException("duplicate key"))).isFalse();
    }
}
