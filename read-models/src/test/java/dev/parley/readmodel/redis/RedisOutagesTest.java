package dev.parley.readmodel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCommandExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;

/**
 * Which Redis failures fail a projection's batch (handled again) and which its handler (dead letter); which
 * failures are outages is {@code ServerOutagesTest}'s.
 */
class RedisOutagesTest {

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
