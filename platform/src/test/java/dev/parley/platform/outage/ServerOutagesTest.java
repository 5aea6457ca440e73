package dev.parley.platform.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
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

    @Test
    void aFaultOfParleysOrARefusalOfTheServerIsNot() {
        assertThat(ServerOutages.isOutage(new IllegalStateException("a bug"))).isFalse();
        assertThat(ServerOutages.isOutage(new DataIntegrityViolationException("duplicate key"))).isFalse();
    }
}
