package dev.parley.platform.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandTimeoutException;
import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
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
    void aFaultOfParleysOrARefusalOfTheServerIsNot() {
        assertThat(ServerOutages.isOutage(new IllegalStateException("a bug"))).isFalse();
        assertThat(ServerOutages.isOutage(new DataIntegrityViolationException("duplicate key"))).isFalse();
    }
}
