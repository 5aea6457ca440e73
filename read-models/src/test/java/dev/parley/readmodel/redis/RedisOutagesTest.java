package dev.parley.readmodel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisLoadingException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;

/** Which Redis failures are outages (the batch is handled again) and which are the event's (dead letter). */
class RedisOutagesTest {

    @Test
    void noConnectionOrNoAnswerInTimeIsAnOutageAndRedisRefusingACommandIsNot() {
        assertThat(RedisOutages.isOutage(new RedisConnectionFailureException("Unable to connect to Redis"))).isTrue();
        assertThat(RedisOutages.isOutage(new QueryTimeoutException("timed out",
                new RedisCommandTimeoutException("Command timed out after 2 second(s)")))).isTrue();
        assertThat(RedisOutages.isOutage(new RedisSystemException("loading",
                new RedisLoadingException("LOADING Redis is loading the dataset in memory")))).isTrue();
        assertThat(RedisOutages.isOutage(new RedisSystemException("full",
                new RedisCommandExecutionException("OOM command not allowed when used memory > 'maxmemory'.")))).isTrue();
        assertThat(RedisOutages.isOutage(new RedisSystemException("full, in a script", new RedisCommandExecutionException(
                "ERR Error running script (call to f_0a1b): @user_script:5: @user_script: 5: -OOM command not allowed when used memory > 'maxmemory'.")))).isTrue();
        assertThat(RedisOutages.isOutage(new RedisSystemException("failed over",
                new RedisCommandExecutionException("READONLY You can't write against a read only replica.")))).isTrue();
        assertThat(RedisOutages.isOutage(new RedisSystemException("script",
                new RedisCommandExecutionException("ERR user_script:1: Script attempted to access nonexistent global")))).isFalse();
    }

    @Test
    void inABatchAnOutageSkipsTheBatchsRedisWritesAndFailsItsCommitNotTheHandler() {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        AtomicInteger tried = new AtomicInteger();

        Boolean first = RedisOutages.write(() -> {
            tried.incrementAndGet();
            throw new RedisConnectionFailureException("Unable to connect to Redis");
        }, false);
        Boolean second = RedisOutages.write(() -> tried.incrementAndGet() > 0, false);

        assertThat(first).isFalse();
        assertThat(second).as("skipped, not waiting out a timeout").isFalse();
        assertThat(tried).hasValue(1);
        assertThatThrownBy(batch::commit).hasRootCauseInstanceOf(RedisConnectionFailureException.class);
    }

    @Test
    void anErrorRedisAnsweredFailsTheHandlerSoThatTheDeadLetterQueueTakesTheEvent() {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        try {
            assertThatThrownBy(() -> RedisOutages.write(() -> {
                throw new RedisSystemException("wrong type", new RedisCommandExecutionException("WRONGTYPE Operation"));
            }, false)).isInstanceOf(RedisSystemException.class);
        } finally {
            batch.rollback();
        }
    }

    @Test
    void outsideABatchEveryFailureIsThrown() {
        assertThatThrownBy(() -> RedisOutages.write(() -> {
            throw new RedisConnectionFailureException("Unable to connect to Redis");
        }, false)).isInstanceOf(RedisConnectionFailureException.class);
    }
}
